/**
 * How the Markdown, HTML and PDF renderers word a prepared report: verdict and rating text, claim
 * and status counts, the chart's colours, dates. Pure and locale-independent, so the three formats
 * say the same thing the same way on every server.
 */
import type { Verdict, VerdictInfo } from "../claims/verdicts";
import { type PreparedReport, STATUS_LABELS, type VerdictCount } from "./prepare";
import type { ReportClaimStatus } from "./types";

/** Colours for the verdict chart; the label and icon always accompany them (never colour alone). */
export const VERDICT_COLORS: Record<Verdict, string> = {
  unverified: "#8c959f",
  verified: "#1a7f37",
  needs_context: "#0969da",
  misleading: "#9a6700",
  disputed: "#8250df",
  false: "#cf222e",
  unproven: "#57606a",
};

/** Chart rows: the verdicts that occur in the report, in scale order. */
export function chartRows(report: PreparedReport): VerdictCount[] {
  return report.verdictCounts.filter((row) => row.count > 0);
}

export function verdictText(info: VerdictInfo): string {
  return `${info.icon} ${info.label}`;
}

/** "rating 4 of 4" or "text-only rating": with scaleNote, the published number-to-word mapping. */
export function ratingText(info: VerdictInfo, best: number): string {
  return info.rating === null ? "text-only rating" : `rating ${info.rating} of ${best}`;
}

export function scaleNote(best: number, worst: number): string {
  return (
    `In the ClaimReview data published with this report, ratings run from ${worst} (worst) to ` +
    `${best} (best); a text-only verdict is not on a true/false line and carries no number.`
  );
}

export function claimCountText(count: number): string {
  return count === 1 ? "1 claim" : `${count} claims`;
}

/** Non-zero status counts, e.g. "2 approved, 1 in review, 1 draft". */
export function statusSummary(report: PreparedReport): string {
  const order: ReportClaimStatus[] = ["approved", "in_review", "changes_requested", "draft"];
  return order
    .filter((status) => report.statusCounts[status] > 0)
    .map((status) => `${report.statusCounts[status]} ${STATUS_LABELS[status].toLowerCase()}`)
    .join(", ");
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * "5 December 2024". Deliberately not Intl: output must not depend on the server's locale or ICU
 * data. A date-only value is taken as written; a date-time is shown in UTC. Anything unparseable
 * is returned as given (renderers escape it like any other text).
 */
export function formatDate(value: string): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, year, month, day] = dateOnly;
    const name = MONTHS[Number(month) - 1];
    return name === undefined ? value : `${Number(day)} ${name} ${year}`;
  }
  const date = parseIso(value);
  if (date === null) return value;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "5 December 2024, 14:20 UTC" */
export function formatDateTime(value: string): string {
  const date = parseIso(value);
  if (date === null || /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(value)}, ${hh}:${mm} UTC`;
}

function parseIso(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
