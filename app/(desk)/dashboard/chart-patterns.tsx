/**
 * Fills for chart series that differ by pattern as well as by colour (never colour alone): each
 * series' swatch in the legend shows the same pattern as its bars.
 */
export interface SeriesStyle {
  colour: string;
  /** Pattern drawn over the colour: none, stripes one way or the other, dots, cross-hatch, … */
  pattern: "solid" | "diagonal" | "back-diagonal" | "horizontal" | "vertical" | "dots" | "cross";
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { colour: "#1f4fd1", pattern: "solid" },
  { colour: "#b05a00", pattern: "diagonal" },
  { colour: "#1b7f3b", pattern: "dots" },
  { colour: "#6f42c1", pattern: "back-diagonal" },
  { colour: "#b3261e", pattern: "cross" },
  { colour: "#8a6d00", pattern: "horizontal" },
  { colour: "#55606e", pattern: "vertical" },
];

export function fillFor(chartId: string, index: number): string {
  const style = SERIES_STYLES[index % SERIES_STYLES.length]!;
  return style.pattern === "solid" ? style.colour : `url(#${chartId}-p${index})`;
}

function PatternMarks({ pattern }: { pattern: SeriesStyle["pattern"] }) {
  const mark = { stroke: "#fff", strokeWidth: 1.5 };
  switch (pattern) {
    case "solid":
      return null;
    case "diagonal":
      return <path d="M0,6 L6,0" {...mark} />;
    case "back-diagonal":
      return <path d="M0,0 L6,6" {...mark} />;
    case "horizontal":
      return <path d="M0,3 L6,3" {...mark} />;
    case "vertical":
      return <path d="M3,0 L3,6" {...mark} />;
    case "dots":
      return <circle cx="3" cy="3" r="1.3" fill="#fff" />;
    case "cross":
      return <path d="M0,6 L6,0 M0,0 L6,6" {...mark} />;
  }
}

/** The <defs> of one chart's patterns, ids prefixed by the chart so several charts share a page. */
export function PatternDefs({ chartId, count }: { chartId: string; count: number }) {
  return (
    <defs>
      {SERIES_STYLES.slice(0, count).map((style, i) =>
        style.pattern === "solid" ? null : (
          <pattern key={i} id={`${chartId}-p${i}`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill={style.colour} />
            <PatternMarks pattern={style.pattern} />
          </pattern>
        ),
      )}
    </defs>
  );
}

/** The legend: a swatch with the series' pattern and its name in text. */
export function Legend({ chartId, names }: { chartId: string; names: readonly string[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {names.map((name, i) => (
        <li key={name}>
          <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
            <rect width="14" height="14" fill={fillFor(chartId, i)} stroke="#1d1d1f" strokeWidth="1" />
          </svg>{" "}
          {name}
        </li>
      ))}
    </ul>
  );
}
