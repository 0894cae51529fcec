/**
 * Structured figures (issue 12): pure extraction and normalisation of the numbers in English
 * newsroom text. No database, no server-only code: the claim panel can use it in the browser.
 *
 * - `extractFigures(text)`: every figure with value, scale, unit, qualifier, period, place, subject.
 * - `normaliseFigure(figure)`: one comparable amount in a base unit, with the interval it allows.
 * - `compareFigures(a, b)` / `figuresAgree(a, b)`: "agree" | "disagree" | "incomparable".
 * - `figureTokens(text)`: distinct normalised figure keys, for search and claim matching.
 * - `normaliseFigureSpellings(text)`: the text with each figure in one spelling, for indexing.
 * - `subjectKey(subject)`: a comparable subject ("spending on defense" = "defence spending").
 */
export { extractFigures } from "./extract-figures";
export { figureTokens, normaliseFigureSpellings } from "./figure-tokens";
export {
  baseUnitOf,
  comparable,
  compareFigures,
  describeFigure,
  figuresAgree,
  formatAmount,
  normaliseFigure,
  subjectKey,
} from "./normalise-figure";
export {
  FIGURE_QUALIFIERS,
  FIGURE_UNIT_KINDS,
  type Figure,
  type FigureComparison,
  type FigureCore,
  type FigureQualifier,
  type FigureUnitKind,
  type NormalisedFigure,
} from "./types";
