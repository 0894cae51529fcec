/**
 * How a figure reads to a person. Apart from the lexicon (lib/figures/lexicon.ts) so that the claim
 * panel's browser code can describe figures without shipping the extraction tables.
 */
import type { FigureCore } from "./types";

export function formatAmount(amount: number): string {
  if (amount === 0) return "0";
  return String(Number(amount.toPrecision(12)));
}

/** A short human form: "£3.4bn" → "3.4bn GBP", "2.3%" → "2.3%", "10,000 troops". */
export function describeFigure(figure: FigureCore & { text?: string }): string {
  const scaleWord: Record<number, string> = { 1e3: " thousand", 1e6: "m", 1e9: "bn", 1e12: "tn" };
  const number = `${formatAmount(figure.value)}${figure.scale === 1 ? "" : (scaleWord[figure.scale] ?? ` × ${figure.scale}`)}`;
  const unit = figure.unit === null ? "" : figure.unit.startsWith("%") ? figure.unit : ` ${figure.unit}`;
  return `${figure.qualifier ? `${figure.qualifier} ` : ""}${number}${unit}`;
}
