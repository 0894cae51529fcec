import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claims } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import type { ClaimView } from "../claims/claim-view";
import { loadClaimView, lockClaim, staleVersion } from "../claims/claim-store";
import { parseInput } from "../errors";
import { transitionSchema } from "./schemas";
import { requireTransition } from "./workflow-store";

/** in_review → draft: the editor takes the claim back before a reviewer decides on it. */
export async function withdrawClaim(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:submit", { type: "claim", id: claimId });
  const data = parseInput(transitionSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    const status = await requireTransition(tx, claim, "withdraw");
    const version = claim.version + 1;
    // submittedAt goes too: the claim is no longer waiting, and a later submit starts a new wait.
    // statusReason stays: a text change that put the claim in review still needs the editor's eye.
    await tx.update(claims).set({ status, version, submittedAt: null }).where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.withdraw",
      targetType: "claim",
      targetId: claimId,
      before: { status: claim.status, version: claim.version },
      after: { status, version },
    });
    return loadClaimView(tx, claimId);
  });
}
