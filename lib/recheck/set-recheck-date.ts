import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { claims } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";
import { loadClaimView, lockClaim, staleVersion } from "../claims/claim-store";
import type { ClaimView } from "../claims/claim-view";
import { versionField } from "../validation";

export const recheckDateSchema = z.strictObject({
  recheckBy: z.iso.date("A date, please (YYYY-MM-DD)."),
  version: versionField,
});

/**
 * The editor moves a claim's re-check date (today or later: today makes it due at the next daily run). Not an edit of the verdict: the
 * claim keeps its status and version (an approved claim stays approved), but the version sent must
 * be current (409). A due claim whose date moves leaves the due list.
 */
export async function setRecheckDate(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(recheckDateSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    if (data.recheckBy < new Date().toISOString().slice(0, 10)) {
      throw new AppError("validation_failed", "Some fields are not valid.", { recheckBy: "Choose today or a later date." });
    }
    await tx.update(claims).set({ recheckBy: data.recheckBy, recheckDueAt: null }).where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.recheck_date",
      targetType: "claim",
      targetId: claimId,
      before: { recheckBy: claim.recheckBy, due: claim.recheckDueAt !== null },
      after: { recheckBy: data.recheckBy, due: false },
    });
    return loadClaimView(tx, claimId);
  });
}
