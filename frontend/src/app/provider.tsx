import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { CatalogLabelsProvider } from "@/lib/catalog/use-labels";
import { i18n } from "@/lib/i18n";
import { createQueryClient } from "@/lib/react-query";

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <CatalogLabelsProvider>{children}</CatalogLabelsProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
