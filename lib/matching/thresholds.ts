/**
 * Claim matching's numbers, in one place (docs/claim-matching.md explains each). Scores are 0..1.
 *
 * - possible: at or above it an earlier claim is shown as a "possible match"; a person confirms it.
 * - same: at or above it the earlier claim is shown as "same claim" (still confirmed by a person
 *   before the claims are linked into a group).
 *
 * Chosen on the labelled pairs in bench/data/claim-pairs.ts (bench/README.md has the precision and
 * recall they give): "same claim" must be right at least 95 % of the time, and "possible match"
 * must find at least 90 % of the pairs that are the same claim.
 */
export const MATCH_THRESHOLDS = { possible: 0.4, same: 0.85 } as const;

/** How much each signal counts when both claims have it (signals.ts); missing signals are left out. */
export const MATCH_WEIGHTS = { text: 0.45, figures: 0.3, entities: 0.15, claimant: 0.1 } as const;

/** Multipliers for evidence that two similar claims say different things. */
export const MATCH_PENALTIES = {
  /** Same kind of figure (both per cent, both pounds…) but no amount in common: 4.5% vs 5.2%. */
  figureConflict: 0.5,
  /** What the figures measure differs ("inflation" / "unemployment"), or they count other things. */
  subjectConflict: 0.7,
  /** One says it rose, the other that it fell. */
  directionConflict: 0.6,
  /** Nothing but a figure to compare (no words, names or claimant): a lead for a person to check. */
  figureOnly: 0.6,
  /** Both name a claimant and they differ. */
  claimantConflict: 0.85,
} as const;

/** At most this many earlier claims are shown for one claim. */
export const MATCH_LIMIT = 10;

export type MatchTier = "same" | "possible";

export function tierOf(score: number): MatchTier | null {
  if (score >= MATCH_THRESHOLDS.same) return "same";
  if (score >= MATCH_THRESHOLDS.possible) return "possible";
  return null;
}
