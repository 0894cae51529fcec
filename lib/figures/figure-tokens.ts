/**
 * Figures as search tokens. Search (issue 11) indexes these so "£3.4bn", "£3.4 billion" and "3.4
 * billion pounds" find each other, and claim matching counts the figures two claims share.
 */
import { extractFigures } from "./extract-figures";
import { formatAmount, normaliseFigure } from "./normalise-figure";
import type { Figure } from "./types";

/** Unit words for search text: letters only, so a full-text parser keeps them as one word. */
function unitWord(base: string | null): string {
  if (base === null) return "";
  if (base === "%") return "percent";
  if (base.startsWith("% of ")) return `percent ${base.slice(5).toLowerCase()}`;
  if (base === "pp") return "percentagepoints";
  return base.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * The distinct normalised figures of a text ("3400000000 GBP", "2.3 %", "10000 troops"), in order
 * of first appearance. Two texts share a figure when they share a token.
 */
export function figureTokens(text: string): string[] {
  return [...new Set(extractFigures(text).map((f) => normaliseFigure(f).key))];
}

/**
 * The text with every figure rewritten in one spelling ("£3.4bn" → "3400000000 gbp", "ten thousand
 * troops" → "10000 troops", "2.3 per cent" → "2.3 percent"), for full-text indexing and queries.
 */
export function normaliseFigureSpellings(text: string, figures: readonly Figure[] = extractFigures(text)): string {
  let out = "";
  let at = 0;
  for (const f of figures) {
    const n = normaliseFigure(f);
    const unit = unitWord(n.baseUnit);
    out += text.slice(at, f.start) + formatAmount(n.amount) + (unit ? ` ${unit}` : "");
    at = f.end;
  }
  return out + text.slice(at);
}
