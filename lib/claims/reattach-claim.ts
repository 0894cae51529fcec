import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { articleRevisions, articles, claims } from "@/db/schema";
import { AnchorError, createAnchor } from "../anchoring/anchor";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { cpLength } from "../text/canonical";
import { versionField } from "../validation";
import type { ClaimView } from "./claim-view";
import { editEffects, loadClaimView, lockClaim, staleVersion } from "./claim-store";
import { claimFigureWords } from "../search/figure-terms";
import { writeClaimFigures } from "../claim-figures/claim-figure-store";

export const reattachClaimSchema = z.strictObject({
  version: versionField,
  start: z.number().int().min(0),
  end: z.number().int().min(1),
});

/**
 * An editor attaches a claim to text of the current revision by hand: an orphan to the passage
 * that now says it, or a changed claim to its new wording. `exact` becomes the newly marked text,
 * which is a change of what is being checked, so the claim needs a fresh review.
 */
export async function reattachClaim(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(reattachClaimSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    const [current] = await tx
      .select({ id: articleRevisions.id, number: articleRevisions.number, body: articleRevisions.body })
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
      .where(eq(articles.id, claim.articleId));
    if (!current) throw notFound("The article");
    if (data.end <= data.start || data.end > cpLength(current.body)) {
      throw new AppError("validation_failed", "The selection is outside the article text.", {
        end: "Select text inside the article.",
      });
    }
    let anchor;
    try {
      anchor = createAnchor(current.body, data.start, data.end);
    } catch (err) {
      if (err instanceof AnchorError)
        throw new AppError("validation_failed", "Select some text to attach the claim to.", { start: err.message });
      throw err;
    }
    await tx
      .update(claims)
      .set({
        exact: anchor.exact,
        searchFigures: claimFigureWords({ ...claim, exact: anchor.exact }),
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        startCp: anchor.start,
        endCp: anchor.end,
        anchorRevisionId: current.id,
        anchorState: "anchored",
        anchorText: null,
        anchorMethod: "manual",
        anchorScore: null,
        ...editEffects(claim, user, true, "Re-attached to new text"),
        ...(claim.status !== "approved" ? { statusReason: null } : {}),
      })
      .where(eq(claims.id, claimId));
    await writeClaimFigures(tx, claimId, { exact: anchor.exact, anchorText: null, statement: claim.statement });
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.reattach",
      targetType: "claim",
      targetId: claimId,
      before: { exact: claim.exact, start: claim.startCp, end: claim.endCp, anchorState: claim.anchorState },
      after: { exact: anchor.exact, start: anchor.start, end: anchor.end, anchorState: "anchored", revision: current.number },
    });
    return loadClaimView(tx, claimId);
  });
}
