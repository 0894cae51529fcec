import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claims, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import { type Actor, can } from "../auth/permissions";
import type { ClaimView } from "../claims/claim-view";
import { isBarredFromApproving } from "./claim-rules";
import { loadClaimView, lockClaim } from "../claims/claim-store";
import { AppError, parseInput } from "../errors";
import { notify } from "../notifications/notify";
import { assignSchema } from "./schemas";

/**
 * Names (or clears) the reviewer expected to decide on a claim. Optional and advisory: any
 * reviewer may still decide. It carries no claim version because it changes nothing that is
 * reviewed, so it must not make an editor's open form stale.
 */
export async function assignClaim(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:assign", { type: "claim", id: claimId });
  const data = parseInput(assignSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.assignedReviewerId === data.reviewerId) return loadClaimView(tx, claimId);

    let reviewer: { id: string; name: string } | null = null;
    if (data.reviewerId) {
      const [row] = await tx
        .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, data.reviewerId));
      if (!row || row.disabled || !can(row, "claim:review")) {
        throw new AppError("validation_failed", "Choose an active reviewer.", {
          reviewerId: "This user cannot review claims.",
        });
      }
      if (isBarredFromApproving(claim, row.id)) {
        throw new AppError("validation_failed", "This reviewer worked on the claim and could not approve it.", {
          reviewerId: `${row.name} created or edited this claim since its last approval; choose someone else.`,
        });
      }
      reviewer = { id: row.id, name: row.name };
    }

    const previous = claim.assignedReviewerId
      ? ((await tx.select({ name: users.name }).from(users).where(eq(users.id, claim.assignedReviewerId)))[0]?.name ?? null)
      : null;
    await tx
      .update(claims)
      .set({ assignedReviewerId: reviewer?.id ?? null })
      .where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.assign",
      targetType: "claim",
      targetId: claimId,
      // Names are kept beside the ids so the history reads the same after a user is renamed.
      before: { reviewerId: claim.assignedReviewerId, reviewerName: previous },
      after: { reviewerId: reviewer?.id ?? null, reviewerName: reviewer?.name ?? null },
    });
    if (reviewer) await notify(tx, user.id, [{ recipientId: reviewer.id, kind: "assigned", claimId }]);
    return loadClaimView(tx, claimId);
  });
}
