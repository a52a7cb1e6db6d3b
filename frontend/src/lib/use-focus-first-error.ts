import { useLayoutEffect, useRef } from "react";

/**
 * After a failed submit, move focus (and the view) to the first field the
 * server rejected, or to the form's error box, so nobody is left at the
 * bottom of a long form wondering what happened. A layout effect: focus moves as
 * the errors appear, not a frame later (Preact runs plain effects after paint).
 */
export function useFocusFirstError<T extends HTMLElement>(error: unknown) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    if (!error || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.matches("input, select, textarea, button")) target.tabIndex = -1;
    target.focus();
    target.scrollIntoView?.({ block: "center" });
  }, [error]);
  return ref;
}
