import { useSyncExternalStore } from "react";

/** Whether the page matches a CSS media query now, following it as the window changes (false where none can be asked). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof matchMedia === "undefined") return () => {};
      const list = matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => typeof matchMedia !== "undefined" && matchMedia(query).matches,
  );
}
