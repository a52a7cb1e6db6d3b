import type { CSSProperties } from "react";

export function Skeleton({ width, height = 16, style }: { width?: string | number; height?: string | number; style?: CSSProperties }) {
  return <span className="skeleton" aria-hidden="true" style={{ inlineSize: width ?? "100%", blockSize: height, ...style }} />;
}

function CardSkeleton() {
  return (
    <div className="listing-card listing-card-skeleton" aria-hidden="true">
      <Skeleton height="auto" style={{ aspectRatio: "4 / 3" }} />
      <div className="listing-card-body">
        <Skeleton width="80%" height={18} />
        <Skeleton width="45%" height={22} />
        <Skeleton width="60%" height={14} />
      </div>
    </div>
  );
}

export function CardGridSkeleton({ count = 8, label }: { count?: number; label: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      <div className="grid-cards">
        {Array.from({ length: count }, (_, index) => (
          <CardSkeleton key={index} />
        ))}
      </div>
    </div>
  );
}
