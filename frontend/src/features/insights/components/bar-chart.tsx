import { useEffect, useId, useRef } from "react";

export type Bar = { key: string; label: string; value: number; display: string; note?: string };

type Props = {
  title: string;
  bars: Bar[];
  orientation?: "vertical" | "horizontal";
  /** Text summary for screen readers; the table below the chart carries the numbers too. */
  description?: string;
  /** A short form of a value, for the axis and the labels on the bars ("12K"). */
  formatValue?: (value: number) => string;
};

const HEIGHT = 240;
const PLOT_TOP = 18;
const PLOT_HEIGHT = HEIGHT - PLOT_TOP - 28;
const AXIS_WIDTH = 52;
/** Room per bar: wide enough for a finger and a short value; more bars than fit scroll sideways. */
const SLOT = 40;

/** Four round steps from zero past the largest value (0, 5K, 10K, 15K, 20K). */
function axisTicks(max: number): number[] {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough || 1));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  return [0, 1, 2, 3, 4].map((count) => count * step);
}

/**
 * A plain SVG bar chart (no chart library): bars scale to the largest value.
 * Horizontal charts mirror in Arabic through the CSS transform on [dir=rtl].
 */
export function BarChart({ title, bars, orientation = "vertical", description, formatValue = String }: Props) {
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  // When the bars do not fit (a phone), open at the newest years, the ones most buyers look at.
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollLeft = element.scrollWidth;
  }, [bars.length]);
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

  const ticks = axisTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const width = Math.max(320, bars.length * SLOT);
  const slot = width / Math.max(1, bars.length);
  const y = (value: number) => PLOT_TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {/* Years run left to right in both languages; the value axis stays put while the bars scroll. */}
      <div className="chart-body" dir="ltr">
        <svg width={AXIS_WIDTH} height={HEIGHT} className="chart-axis" aria-hidden="true">
          {ticks.map((tick) => (
            <text key={tick} x={AXIS_WIDTH - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {formatValue(tick)}
            </text>
          ))}
        </svg>
        <div className="chart-scroll" ref={scroller} tabIndex={0} aria-label={title}>
          <svg viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} role="img" aria-label={description ?? title} className="chart-svg">
            {ticks.map((tick) => (
              <line key={tick} x1={0} x2={width} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            ))}
            {bars.map((bar, index) => {
              const x = index * slot + slot * 0.15;
              return (
                <g key={bar.key}>
                  <rect x={x} y={y(bar.value)} width={slot * 0.7} height={y(0) - y(bar.value)} rx={3} className="chart-bar">
                    <title>{`${bar.label}: ${bar.display}`}</title>
                  </rect>
                  {/* The value itself, so a finger needs no hover to read it. */}
                  <text x={x + slot * 0.35} y={y(bar.value) - 4} textAnchor="middle" className="chart-value">
                    {formatValue(bar.value)}
                  </text>
                  <text x={x + slot * 0.35} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                    {bar.label}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      </div>
    </figure>
  );
}
