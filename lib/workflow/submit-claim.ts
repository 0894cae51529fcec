import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claims } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import type { ClaimView } from "../claims/claim-view";
import { loadClaimView, lockClaim, requestedChangesOn, staleVersion } from "../claims/claim-store";
import { AppError, parseInput } from "../errors";
import { changedSinceRequest, NOTHING_CHANGED_MESSAGE } from "./state-machine";
import { transitionSchema } from "./schemas";
import { requireComplete, requireTransition } from "./workflow-store";

/**
 * draft | changes_requested → in_review. Refuses (422) a claim without a final verdict, a
 * "how we checked" note or a source, and a claim sent back that has not changed since; the
 * reviewer's earlier request stays in the reviews table.
 */
export async function submitClaim(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:submit", { type: "claim", id: claimId });
  const data = parseInput(transitionSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    const status = await requireTransition(tx, claim, "submit");
    if (claim.status === "changes_requested") {
      const reviewed = await requestedChangesOn(tx, claimId);
      if (reviewed !== null && !changedSinceRequest(claim.version, reviewed)) {
        throw new AppError("unprocessable", NOTHING_CHANGED_MESSAGE, { version: NOTHING_CHANGED_MESSAGE });
      }
    }
    await requireComplete(tx, claim, "submitted");
    const version = claim.version + 1;
    await tx
      .update(claims)
      .set({
        status,
        version,
        // A resubmission joins the queue behind claims that have waited longer.
        submittedAt: new Date(),
        // The reviewer's request has been answered; it stays in the reviews table and the history.
        statusReason: null,
      })
      .where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.submit",
      targetType: "claim",
      targetId: claimId,
      before: { status: claim.status, version: claim.version },
      after: { status, version },
    });
    return loadClaimView(tx, claimId);
  });
}
