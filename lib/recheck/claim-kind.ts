/**
 * Which claims hold figures that move (troop numbers, prices, polls…): their verdicts go stale
 * sooner, so their re-check date comes sooner (desk setting `recheckMovingDays`). Pure; reads the
 * claim's statement and marked text.
 */
export type ClaimKind = "moving" | "standard";

const MOVING = [
  /\btroops?\b/,
  /\bsoldiers?\b/,
  /\bpersonnel\b/,
  /\bcasualt(y|ies)\b/,
  /\bdeath toll\b/,
  /\brefugees?\b/,
  /\bprices?\b/,
  /\bpriced?\b/,
  /\bcosts? of living\b/,
  /\binflation\b/,
  /\binterest rates?\b/,
  /\bexchange rates?\b/,
  /\b(petrol|fuel|energy|gas|electricity) (bills?|prices?)\b/,
  /\brents?\b/,
  /\bwages?\b/,
  /\bsalar(y|ies)\b/,
  /\bunemployment\b/,
  /\bjobless\b/,
  /\bpolls?\b/,
  /\bpolling\b/,
  /\bsurveys?\b/,
  /\bapproval ratings?\b/,
  /\bwaiting lists?\b/,
  /\bmigration\b/,
  /\bgdp growth\b/,
];

export function classifyClaim(text: string): { kind: ClaimKind; matched: string | null } {
  const lower = text.toLowerCase();
  for (const re of MOVING) {
    const m = re.exec(lower);
    if (m) return { kind: "moving", matched: m[0] };
  }
  return { kind: "standard", matched: null };
}

/** YYYY-MM-DD `days` after `from` (UTC). */
export function addDays(from: Date, days: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The default re-check date of a claim approved at `approvedAt`. */
export function defaultRecheckBy(
  text: string,
  approvedAt: Date,
  settings: { recheckDays: number; recheckMovingDays: number },
): string {
  const { kind } = classifyClaim(text);
  return addDays(approvedAt, kind === "moving" ? settings.recheckMovingDays : settings.recheckDays);
}
