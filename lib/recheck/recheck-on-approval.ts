import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { type ClaimRow, reviews } from "@/db/schema";
import type { Tx } from "@/lib/database";
import { defaultRecheckBy } from "./claim-kind";
import { readDeskSettings } from "./desk-settings";

/**
 * The re-check columns an approval sets (called by lib/workflow/review-claim.ts, after the new
 * approval's review row is written). A claim that was due was being re-checked: the re-check is
 * recorded as "verdict unchanged" or "corrected" (against the previous approval's verdict) and a
 * new date is set. Otherwise an editor's future date is kept, and a missing or past one gets the
 * desk's default for this kind of claim.
 */
export async function recheckOnApproval(tx: Tx, claim: ClaimRow, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const settings = await readDeskSettings(tx);
  const fresh = defaultRecheckBy(`${claim.statement} ${claim.exact}`, now, settings);
  if (claim.recheckDueAt) {
    const approvals = await tx
      .select({ verdict: reviews.verdict })
      .from(reviews)
      .where(and(eq(reviews.claimId, claim.id), eq(reviews.decision, "approve")))
      .orderBy(desc(reviews.at), desc(reviews.claimVersion))
      .limit(2);
    const previous = approvals[1]?.verdict;
    return {
      recheckBy: fresh,
      recheckDueAt: null,
      lastRecheckedAt: now,
      lastRecheckOutcome: previous === undefined || previous === claim.verdict ? ("unchanged" as const) : ("corrected" as const),
    };
  }
  const keep = claim.recheckBy !== null && claim.recheckBy > today;
  return { recheckBy: keep ? claim.recheckBy : fresh };
}
