/**
 * Figures as full-text search words. A text's figures are stored beside it (`search_figures`
 * columns) as single words that PostgreSQL's parser keeps whole ("fg3400000000gbp"), because its
 * own parser splits "£3.4bn" into "3.4" and "bn" and "10,000" into "10" and "000". The same words
 * are made from the figures in a query, so every spelling of a figure finds every other.
 *
 * Pure (no database, no server-only): the index side and the query side must agree exactly, so
 * both read figures with the same extractor (lib/figures, issue 12).
 */
import { extractFigures, type FigureUnitKind, formatAmount, normaliseFigure } from "../figures";

/** A figure in a text, reduced to what search compares: amount and base unit. */
export interface FigureSpan {
  /** UTF-16 offsets of the figure's words in the text. */
  start: number;
  end: number;
  text: string;
  /** The amount in digits, scale applied: "3400000000" for "£3.4bn". */
  amount: string;
  /** Base unit ("%", "% of GDP", "GBP", "troops"…) or null. */
  unit: string | null;
  /** What kind of quantity: "percent", "currency", "count", "measure"… (lib/figures). */
  kind: FigureUnitKind;
  /** What is measured, when the sentence says it ("defence spending"). */
  subject: string | null;
}

/** Every figure of a text (lib/figures reads digits, number words, scales, units and currencies). */
export function findFigureSpans(text: string): FigureSpan[] {
  return extractFigures(text).map((f) => {
    const n = normaliseFigure(f);
    return {
      start: f.start,
      end: f.end,
      text: f.text,
      amount: formatAmount(n.amount),
      unit: n.baseUnit,
      kind: n.unitKind,
      subject: f.subject,
    };
  });
}

const unitSlug = (unit: string | null) =>
  unit === null
    ? ""
    : unit
        .replace(/%/g, "pct")
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "");

/** The search word of an amount with its unit, or of the amount alone (unit null). */
export function figureWord(amount: string, unit: string | null): string {
  return `fg${amount.replace(/^-/, "m").replace(/\./g, "p")}${unitSlug(unit)}`;
}

/**
 * The index words of some texts: for each figure the amount with its unit ("fg2p3pct") and the
 * amount alone ("fg2p3"), so a query without a unit ("2.3") still finds "2.3%".
 */
export function indexFigureWords(...texts: (string | null | undefined)[]): string {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const f of findFigureSpans(text)) {
      words.add(figureWord(f.amount, null));
      if (f.unit) words.add(figureWord(f.amount, f.unit));
      // "2.3% of GDP" is found by "2.3 per cent" too.
      if (f.unit?.startsWith("% of ")) words.add(figureWord(f.amount, "%"));
    }
  }
  return [...words].join(" ").slice(0, 100_000);
}

/** The word a figure in a query is searched by: with its unit when it has one. */
export function queryFigureWord(f: FigureSpan): string {
  return figureWord(f.amount, f.unit);
}

/** A figure as people read it: "3400000000 GBP", "2.3 %". */
export function describeFigureSpan(f: FigureSpan): string {
  return f.unit ? `${f.amount} ${f.unit}` : f.amount;
}

/** The index words of a claim: its statement, its quote and its "how we checked" note. */
export function claimFigureWords(claim: { statement: string; exact: string; rationale: string }): string {
  return indexFigureWords(claim.statement, claim.exact, claim.rationale);
}
