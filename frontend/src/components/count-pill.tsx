/**
 * A small count on a link or tab ("3"), read out as its label ("3 unread
 * messages"); nothing at zero.
 */
export function CountPill({ count, label }: { count: number; label: string }) {
  if (!count) return null;
  return (
    <span className="count-pill num" role="img" aria-label={label}>
      {count > 99 ? "99+" : count}
    </span>
  );
}
