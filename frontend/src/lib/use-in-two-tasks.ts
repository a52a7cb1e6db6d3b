import { useEffect, useState } from "react";

/**
 * The first `first` items at once, all of them a moment later (a task of their own): a long
 * list of cards is drawn in two tasks, so the ones on screen come without the rest holding
 * a phone's main thread in one long task (Lighthouse's Total Blocking Time).
 */
export function useInTwoTasks<T>(items: T[], first: number): T[] {
  const [all, setAll] = useState(false);
  const cut = !all && items.length > first;
  useEffect(() => {
    if (!cut) return;
    const timer = setTimeout(() => setAll(true));
    return () => clearTimeout(timer);
  }, [cut]);
  return cut ? items.slice(0, first) : items;
}
