import { Gridlines, niceMax } from "./bar-chart";

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 36, left: 44 };

/**
 * A line drawn on the server as SVG, with a marked point per value; a category without a value
 * (null) breaks the line rather than reading as zero. Hidden from assistive technology: the
 * figure's table has the numbers.
 */
export function LineChart({ categories, values }: { categories: readonly string[]; values: readonly (number | null)[] }) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...values.map((v) => v ?? 0)));
  const step = plotW / Math.max(1, categories.length);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = "";
    } else current += `${current ? " L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart" aria-hidden="true" focusable="false">
      <Gridlines ticks={[0, max / 2, max]} y={y} left={PAD.left} right={WIDTH - PAD.right} />
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="#1f4fd1" strokeWidth="2" />
      ))}
      {values.map((v, i) =>
        v === null ? null : (
          <circle key={categories[i]} cx={x(i)} cy={y(v)} r="3.5" fill="#1f4fd1">
            <title>{`${categories[i]}: ${v} h`}</title>
          </circle>
        ),
      )}
      {categories.map((c, i) => (
        <text key={c} x={x(i)} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" fontSize="10" fill="#1d1d1f">
          {c}
        </text>
      ))}
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#1d1d1f" />
    </svg>
  );
}
