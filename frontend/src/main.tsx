import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import "@/lib/i18n";
import "@/styles/global.css";
import "@/styles/components.css";
import { App } from "@/app/app";

// A transition, so React draws the first page in short slices and a phone stays responsive meanwhile.
startTransition(() => {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
