import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claimFigures, claims } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { editEffects, loadClaimView } from "../claims/claim-store";
import type { ClaimView } from "../claims/claim-view";
import { notFound, parseInput } from "../errors";
import { isUuid } from "../validation";
import { toFigureView } from "./claim-figure-store";
import { lockClaimFigure } from "./lock-claim-figure";
import { derivedColumns, figureFacts, type ClaimFigureView } from "./figure-rows";
import { editFigureSchema } from "./schemas";

/**
 * An editor corrects how a figure was read (value, unit, qualifier, period, place, subject). The
 * row becomes an override: rewriting the claim's figures keeps it while its words are in the text.
 * It is an edit of the claim: new version (409 if stale), and an approved claim goes back to review.
 */
export async function editClaimFigure(
  actor: Actor | null,
  claimId: string,
  figureId: string,
  input: unknown,
): Promise<{ claim: ClaimView; figure: ClaimFigureView }> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(editFigureSchema, input);
  if (!isUuid(figureId)) throw notFound("The figure");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { claim, row } = await lockClaimFigure(tx, claimId, figureId, data.version);
    const before = toFigureView(row);
    const facts = {
      text: row.text,
      value: data.value,
      scale: data.scale,
      unit: data.unit ?? null,
      unitKind: data.unitKind,
      qualifier: data.qualifier ?? null,
      approximate: data.approximate ?? false,
      period: data.period ?? null,
      place: data.place ?? null,
      subject: data.subject ?? null,
    };
    const now = new Date();
    const [updated] = await tx
      .update(claimFigures)
      .set({ ...facts, ...derivedColumns(facts), override: true, editedBy: user.id, editedAt: now })
      .where(eq(claimFigures.id, figureId))
      .returning();
    if (!updated) throw notFound("The figure");
    const after = toFigureView(updated);
    const effects = editEffects(claim, user, true, "Figure corrected");
    await tx.update(claims).set(effects).where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.figure_edit",
      targetType: "claim",
      targetId: claimId,
      before: figureFacts(before),
      after: figureFacts(after),
      meta: { figureId, origin: row.origin, version: effects.version, ...(effects.status ? { backToReview: true } : {}) },
    });
    return { claim: await loadClaimView(tx, claimId), figure: after };
  });
}
