/**
 * One comparable form per figure, so "£3.4bn" = "£3.4 billion" = "3.4 billion pounds" and "2.3 per
 * cent" = "2.3%", and an interval of the values its wording allows: "10,000" means 9,999.5 to
 * 10,000.5, "ten thousand" 9,500 to 10,500, "more than 10,000" anything from 10,000 up, "a third"
 * 30% to 36.7%. Two figures agree when their intervals meet.
 */
import { MEASURE_UNITS, PLACES, table, type UnitInfo } from "./lexicon";
import { formatAmount } from "./describe-figure";
import type { FigureComparison, FigureCore, FigureUnitKind, NormalisedFigure } from "./types";

export { describeFigure, formatAmount } from "./describe-figure";

/** Loose wordings ("about", "a third", "tripled") allow this much either way. */
const APPROXIMATE_SHARE = 0.1;

const MEASURE_BY_UNIT = new Map<string, UnitInfo>();
for (const info of Object.values(MEASURE_UNITS)) if (!MEASURE_BY_UNIT.has(info.unit)) MEASURE_BY_UNIT.set(info.unit, info);

/** Base unit and factor of a canonical unit: "pence" → GBP × 0.01, "km" → m × 1000. */
export function baseUnitOf(unit: string | null, kind: FigureUnitKind): { base: string | null; factor: number } {
  if (unit === null) return { base: null, factor: 1 };
  if (kind === "currency" && unit === "pence") return { base: "GBP", factor: 0.01 };
  if (kind === "measure" || kind === "multiplier") {
    const info = MEASURE_BY_UNIT.get(unit);
    if (info) return { base: info.base, factor: info.factor };
  }
  return { base: unit, factor: 1 };
}

function decimalsOf(value: number): number {
  const s = String(Math.abs(value));
  if (s.includes("e-")) return Number(s.split("e-")[1]);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Drops float noise (3.4 × 1e9 = 3400000000.0000005) so keys are stable. */

export function normaliseFigure(figure: FigureCore): NormalisedFigure {
  const { base, factor } = baseUnitOf(figure.unit, figure.unitKind);
  const multiplier = figure.scale * factor;
  const amount = figure.value * multiplier;
  // Rounding: "3.4bn" stands for anything that rounds to 3.4bn.
  let half = 0.5 * 10 ** -decimalsOf(figure.value) * multiplier;
  if (figure.approximate) half = Math.max(half, Math.abs(amount) * APPROXIMATE_SHARE);
  let low = amount - half;
  let high = amount + half;
  switch (figure.qualifier) {
    case "at least":
    case "more than":
      high = Infinity;
      break;
    case "up to":
    case "less than":
      low = figure.unitKind === "count" || figure.unitKind === "currency" ? 0 : -Infinity;
      break;
    case "about":
      low = Math.min(low, amount - Math.abs(amount) * APPROXIMATE_SHARE);
      high = Math.max(high, amount + Math.abs(amount) * APPROXIMATE_SHARE);
      break;
    case "nearly":
      low = Math.min(low, amount - Math.abs(amount) * APPROXIMATE_SHARE);
      break;
    default:
      break;
  }
  const key = base === null ? formatAmount(amount) : `${formatAmount(amount)} ${base}`;
  return { amount, baseUnit: base, unitKind: figure.unitKind, low, high, key };
}

/** "% of GDP" and "%" measure the same kind of thing; "% of GDP" and "% of GNI" do not. */
function percentBase(base: string | null): string | null {
  return base?.startsWith("% of ") ? "%" : base;
}

/** Whether two normalised figures measure the same kind of quantity in the same unit. */
export function comparable(a: NormalisedFigure, b: NormalisedFigure): boolean {
  const loose = (n: NormalisedFigure) => n.unitKind === "none" || n.unitKind === "count";
  // A bare "10,000" may be the "10,000 troops" of the other text.
  if (a.baseUnit === null || b.baseUnit === null) return loose(a) && loose(b);
  if (a.unitKind !== b.unitKind) return false;
  if (a.baseUnit === b.baseUnit) return true;
  if (a.unitKind === "percent") {
    const pa = percentBase(a.baseUnit);
    const pb = percentBase(b.baseUnit);
    return pa === pb || ((pa === "%" || pb === "%") && (a.baseUnit === "%" || b.baseUnit === "%"));
  }
  return false;
}

export function compareFigures(a: FigureCore, b: FigureCore): FigureComparison {
  const na = normaliseFigure(a);
  const nb = normaliseFigure(b);
  if (!comparable(na, nb)) return "incomparable";
  // Open intervals: "£3.4bn" and "£3.5bn" only touch at 3.45bn, which neither would be rounded from.
  return na.low < nb.high && nb.low < na.high ? "agree" : "disagree";
}

/** True when both figures measure the same thing and their wordings allow a common value. */
export function figuresAgree(a: FigureCore, b: FigureCore): boolean {
  return compareFigures(a, b) === "agree";
}

const SUBJECT_STOPWORDS = new Set(["the", "a", "an", "of", "on", "in", "for", "to", "and", "its", "their", "total", "overall"]);
const SPELLING = table({ defense: "defence", labor: "labour", program: "programme" });

/**
 * The comparable form of a subject: "UK defence spending" and "spending on defense" both give
 * "defence spend". Word order, plurals, "-ing", US spellings and place names (kept apart, in
 * `place`) do not matter.
 */
export function subjectKey(subject: string | null | undefined): string | null {
  if (!subject) return null;
  const words = subject
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !SUBJECT_STOPWORDS.has(w) && !(w in PLACES))
    .map((w) => SPELLING[w] ?? w)
    .map((w) => (w.length > 5 && w.endsWith("ing") ? w.slice(0, -3) : w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
  const unique = [...new Set(words)].sort();
  return unique.length > 0 ? unique.join(" ") : null;
}
