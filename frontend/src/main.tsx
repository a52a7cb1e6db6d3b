import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { i18nReady } from "@/lib/i18n";
import "@/styles/global.css";
import "@/styles/components.css";
import { App } from "@/app/app";

// A transition, so React draws the first page in short slices and a phone stays responsive meanwhile.
void i18nReady.then(() =>
  startTransition(() => {
    createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }),
);
