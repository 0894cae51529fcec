import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claimFigures, claims } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { editEffects, loadClaimView } from "../claims/claim-store";
import type { ClaimView } from "../claims/claim-view";
import { AppError, notFound, parseInput } from "../errors";
import { isUuid } from "../validation";
import { toFigureView, writeClaimFigures } from "./claim-figure-store";
import { lockClaimFigure } from "./lock-claim-figure";
import { figureFacts } from "./figure-rows";
import { revertFigureSchema } from "./schemas";

/** Drops an editor's correction: the claim's figures are read from its texts again. */
export async function revertClaimFigure(
  actor: Actor | null,
  claimId: string,
  figureId: string,
  input: unknown,
): Promise<ClaimView> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(revertFigureSchema, input);
  if (!isUuid(figureId)) throw notFound("The figure");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { claim, row } = await lockClaimFigure(tx, claimId, figureId, data.version);
    if (!row.override)
      throw new AppError("unprocessable", "This figure was not corrected by hand.", { figure: "Nothing to undo." });
    await tx.delete(claimFigures).where(eq(claimFigures.id, figureId));
    await writeClaimFigures(tx, claimId, claim);
    const effects = editEffects(claim, user, true, "Figure correction undone");
    await tx.update(claims).set(effects).where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.figure_revert",
      targetType: "claim",
      targetId: claimId,
      before: figureFacts(toFigureView(row)),
      meta: { figureId, origin: row.origin, version: effects.version, ...(effects.status ? { backToReview: true } : {}) },
    });
    return loadClaimView(tx, claimId);
  });
}
