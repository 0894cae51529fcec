import { describeFigure } from "../figures";
import type { ReportFigure } from "./types";

/** One figure in words: "2.3% of GDP (defence spending, UK, in 2024)". */
export function figureInWords(f: ReportFigure): string {
  const core = describeFigure(f);
  const context = [f.subject, f.place, f.period].filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return context.length ? `${core} (${context.join(", ")})` : core;
}

/**
 * The figures a claim states, as one line of text for ClaimReview and the report page: the
 * statement's figures (what was checked), else the marked text's; each reading once.
 */
export function figuresText(figures: readonly ReportFigure[] | undefined): string | null {
  if (!figures || figures.length === 0) return null;
  const statement = figures.filter((f) => f.origin === "statement");
  const chosen = statement.length ? statement : figures.filter((f) => f.origin === "text");
  const words = [...new Set(chosen.map(figureInWords))];
  return words.length ? `Figures: ${words.join("; ")}` : null;
}
