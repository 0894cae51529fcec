import { fillFor, Legend, PatternDefs } from "./chart-patterns";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 36, left: 44 };

/** Horizontal gridlines from `left` to `right` at each tick, labelled on the left (bar and line charts). */
export function Gridlines({
  ticks,
  y,
  left,
  right,
}: {
  ticks: readonly number[];
  y: (v: number) => number;
  left: number;
  right: number;
}) {
  return ticks.map((t) => (
    <g key={t}>
      <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke="#d9d9de" />
      <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#1d1d1f">
        {Number.isInteger(t) ? t : t.toFixed(1)}
      </text>
    </g>
  ));
}

/** Round up to a "nice" axis maximum (1, 2, 5 × 10ⁿ) so the gridlines fall on readable numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Bars drawn on the server as SVG: one group per category, one bar per series side by side
 * (`stacked` puts them on top of each other). The figure around it carries the caption and the
 * data table; the drawing itself is hidden from assistive technology, which reads the table.
 */
export function BarChart({
  id,
  categories,
  series,
  stacked = false,
}: {
  id: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  stacked?: boolean;
}) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const totals = categories.map((_, c) =>
    stacked ? series.reduce((n, s) => n + (s.values[c] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[c] ?? 0)),
  );
  const max = niceMax(Math.max(0, ...totals));
  const band = plotW / Math.max(1, categories.length);
  const barW = stacked ? band * 0.6 : (band * 0.8) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  return (
    <>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart" aria-hidden="true" focusable="false">
        <PatternDefs chartId={id} count={series.length} />
        <Gridlines ticks={ticks} y={y} left={PAD.left} right={WIDTH - PAD.right} />
        {categories.map((category, c) => {
          const x0 = PAD.left + c * band;
          let base = 0;
          return (
            <g key={category}>
              {series.map((s, i) => {
                const v = s.values[c] ?? 0;
                if (v <= 0) return null;
                const x = stacked ? x0 + band * 0.2 : x0 + band * 0.1 + i * barW;
                const top = stacked ? y(base + v) : y(v);
                const bottom = stacked ? y(base) : y(0);
                if (stacked) base += v;
                return (
                  <rect key={s.name} x={x} y={top} width={barW} height={Math.max(0, bottom - top)} fill={fillFor(id, i)}>
                    <title>{`${s.name}, ${category}: ${v}`}</title>
                  </rect>
                );
              })}
              <text x={x0 + band / 2} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" fontSize="10" fill="#1d1d1f">
                {category}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#1d1d1f" />
      </svg>
      {series.length > 1 && <Legend chartId={id} names={series.map((s) => s.name)} />}
    </>
  );
}
