import { useId } from "react";

export type Bar = { key: string; label: string; value: number; display: string; note?: string };

type Props = {
  title: string;
  bars: Bar[];
  orientation?: "vertical" | "horizontal";
  /** Text summary for screen readers; the table below the chart carries the numbers too. */
  description?: string;
};

/**
 * A plain SVG bar chart (no chart library): bars scale to the largest value.
 * Horizontal charts mirror in Arabic through the CSS transform on [dir=rtl].
 */
export function BarChart({ title, bars, orientation = "vertical", description }: Props) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  if (orientation === "horizontal") {
    const rowHeight = 28;
    const height = bars.length * rowHeight;
    return (
      <figure className="chart chart-horizontal" aria-labelledby={`${id}-title`}>
        <figcaption id={`${id}-title`} className="chart-title">
          {title}
        </figcaption>
        <div className="hbar-list" role="list" aria-describedby={description ? `${id}-desc` : undefined} style={{ minBlockSize: height }}>
          {bars.map((bar) => (
            <div key={bar.key} className="hbar" role="listitem">
              <span className="hbar-label">{bar.label}</span>
              <span className="hbar-track">
                <span className="hbar-fill" style={{ inlineSize: `${(bar.value / max) * 100}%` }} />
              </span>
              <span className="hbar-value num">
                {bar.display}
                {bar.note ? <span className="muted"> · {bar.note}</span> : null}
              </span>
            </div>
          ))}
        </div>
        {description ? (
          <p id={`${id}-desc`} className="visually-hidden">
            {description}
          </p>
        ) : null}
      </figure>
    );
  }

  const width = Math.max(320, bars.length * 36);
  const height = 220;
  const plot = height - 28;
  const slot = width / Math.max(1, bars.length);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div className="chart-scroll" dir="ltr">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={description ?? title} className="chart-svg">
          {[0.25, 0.5, 0.75, 1].map((line) => (
            <line key={line} x1={0} x2={width} y1={plot - plot * line} y2={plot - plot * line} className="chart-grid" />
          ))}
          {bars.map((bar, index) => {
            const barHeight = (bar.value / max) * (plot - 8);
            const x = index * slot + slot * 0.15;
            return (
              <g key={bar.key}>
                <rect x={x} y={plot - barHeight} width={slot * 0.7} height={barHeight} rx={3} className="chart-bar">
                  <title>{`${bar.label}: ${bar.display}`}</title>
                </rect>
                <text x={x + slot * 0.35} y={height - 8} textAnchor="middle" className="chart-label">
                  {bar.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
