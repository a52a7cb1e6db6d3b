import { useEffect, useState } from "react";

/**
 * The first `first` items at once, then `step` more in each following task until all are
 * drawn: a long list of cards comes in several short tasks, so the ones on screen arrive
 * without the rest holding a phone's main thread in one long task (Lighthouse's Total
 * Blocking Time counts each task's time past 50 ms). A later list no longer than one drawn comes whole.
 */
export function useInTasks<T>(items: T[], first: number, step: number = first): T[] {
  const [shown, setShown] = useState(first);
  const cut = shown < items.length;
  useEffect(() => {
    if (!cut) return;
    const timer = setTimeout(() => setShown((count) => count + step));
    return () => clearTimeout(timer);
  }, [cut, shown, step]);
  return cut ? items.slice(0, shown) : items;
}
