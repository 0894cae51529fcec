import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { claims, comments, reviews, sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";
import { versionField } from "../validation";
import { loadClaimView, lockClaim, staleVersion } from "./claim-store";

export const deleteClaimSchema = z.strictObject({ version: versionField });

/**
 * Removes a claim marked by mistake. Only a draft that no reviewer ever decided on: anything that
 * was reviewed is part of the record and stays (withdraw it or change its verdict instead). The
 * audit row keeps the whole claim with its sources, so nothing accepted is lost.
 */
export async function deleteClaim(actor: Actor | null, claimId: string, input: unknown): Promise<{ deleted: string }> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(deleteClaimSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    if (claim.status !== "draft") {
      throw new AppError("conflict", "Only a draft can be deleted; withdraw it from review first.", undefined, {
        current: await loadClaimView(tx, claimId),
      });
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(reviews)
      .where(eq(reviews.claimId, claimId));
    if (Number(n) > 0) {
      throw new AppError(
        "conflict",
        "This claim has been reviewed before, so it stays on the record; change or withdraw it instead.",
      );
    }
    const snapshot = {
      ...(await loadClaimView(tx, claimId)),
      comments: await tx.select().from(comments).where(eq(comments.claimId, claimId)),
    };
    await tx.delete(sources).where(eq(sources.claimId, claimId));
    await tx.delete(claims).where(eq(claims.id, claimId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.delete",
      targetType: "claim",
      targetId: claimId,
      before: snapshot,
      meta: { articleId: claim.articleId },
    });
    return { deleted: claimId };
  });
}
