import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { claims } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";
import { editEffects, loadClaimView, lockClaim, staleVersion } from "../claims/claim-store";
import type { ClaimView } from "../claims/claim-view";
import { versionField } from "../validation";

export const startRecheckSchema = z.strictObject({
  version: versionField,
  note: z.string().trim().min(1, "Say what you checked again.").max(2000),
});

/**
 * The editor re-checked a due claim and sends it to review as it is (when the verdict changes,
 * they edit it instead: any edit of an approved claim sends it back to review too). The usual
 * cycle follows: another reviewer approves, and the approval records "re-checked, verdict
 * unchanged" or a correction (lib/recheck/recheck-on-approval.ts). The re-checker joins the
 * editors barred from approving it.
 */
export async function startRecheck(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(startRecheckSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    if (claim.status !== "approved" || !claim.recheckDueAt) {
      throw new AppError("unprocessable", "Only an approved claim that is due for re-check can be sent for re-check.");
    }
    const effects = editEffects(claim, user, true, "Re-check");
    await tx
      .update(claims)
      .set({ ...effects, statusReason: `Re-check by ${user.name}: ${data.note}` })
      .where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.recheck_start",
      targetType: "claim",
      targetId: claimId,
      before: { status: claim.status, version: claim.version },
      after: { status: effects.status, version: effects.version, note: data.note },
    });
    return loadClaimView(tx, claimId);
  });
}
