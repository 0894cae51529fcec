import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { articleRevisions, articles, claims } from "@/db/schema";
import { type AuditEntry, recordAudit, recordAudits } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { NORMALIZER_VERSION } from "../text/canonical";
import { sha256Hex } from "../text/hash";
import { canonicalBody } from "./create-article";
import { type ClaimReanchorOutcome, claimReanchorOutcomeSchema, planReanchoring } from "./plan-reanchoring";
import { isUuid } from "../validation";
import { createRevisionSchema } from "./schemas";
import { indexFigureWords } from "../search/figure-terms";
import { writeClaimFigures } from "../claim-figures/claim-figure-store";
import { markedTextOf } from "../claim-figures/figure-rows";
import { type NotificationEntry, notify } from "../notifications/notify";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";
import { backToReviewColumns } from "../workflow/claim-rules";

export type { ClaimReanchorOutcome } from "./plan-reanchoring";

export interface RevisionResult {
  articleId: string;
  revision: number;
  revisionId: string;
  unchanged: boolean;
  claims: ClaimReanchorOutcome[];
}

export const revisionResultSchema = viewSchema<RevisionResult>()(
  z.object({
    articleId: z.string(),
    revision: z.number().int(),
    revisionId: z.string(),
    unchanged: z.boolean(),
    claims: z.array(claimReanchorOutcomeSchema),
  }),
);

/**
 * Stores a corrected text as a new revision and re-anchors every claim (docs/anchoring.md §3) in the
 * same transaction: the diff-first algorithm stays within its time budget (bench/), so the caller
 * gets each claim's new state in the response and no claim is ever left pointing at stale offsets.
 */
export async function createRevision(actor: Actor | null, articleId: string, input: unknown): Promise<RevisionResult> {
  const user = await authorize(actor, "article:write", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const data = parseInput(createRevisionSchema, input);
  const body = canonicalBody(data.body, data.format);
  const bodyHash = sha256Hex(body);
  const db = await getDb();

  return db.transaction(async (tx) => {
    // The row lock serialises concurrent revisions of one article.
    const [article] = await tx.select().from(articles).where(eq(articles.id, articleId)).for("update");
    if (!article?.currentRevisionId) throw notFound("The article");
    const [current] = await tx.select().from(articleRevisions).where(eq(articleRevisions.id, article.currentRevisionId));
    if (!current) throw notFound("The article");
    if (data.baseRevision !== undefined && data.baseRevision !== current.number) {
      throw new AppError(
        "conflict",
        `Someone saved revision ${current.number} while you were editing revision ${data.baseRevision}. Reload to see it, then apply your correction again.`,
        undefined,
        { currentRevision: current.number },
      );
    }
    if (current.bodyHash === bodyHash) {
      return { articleId, revision: current.number, revisionId: current.id, unchanged: true, claims: [] };
    }

    const number = current.number + 1;
    const [revision] = await tx
      .insert(articleRevisions)
      .values({
        articleId,
        number,
        body,
        searchFigures: indexFigureWords(body),
        bodyHash,
        normalizerVersion: NORMALIZER_VERSION,
        sourceFormat: data.format,
        createdBy: user.id,
      })
      .returning({ id: articleRevisions.id });
    if (!revision) throw new Error("insert returned no revision");
    await tx
      .update(articles)
      .set({ currentRevisionId: revision.id, version: sql`${articles.version} + 1`, updatedAt: new Date() })
      .where(eq(articles.id, articleId));

    const claimRows = await tx.select().from(claims).where(eq(claims.articleId, articleId)).for("update");
    // Each claim is re-anchored from the revision it is anchored in (orphans stay on older ones).
    const revisionIds = [...new Set(claimRows.map((c) => c.anchorRevisionId))];
    const oldRevisions = revisionIds.length
      ? await tx
          .select({ id: articleRevisions.id, body: articleRevisions.body })
          .from(articleRevisions)
          .where(inArray(articleRevisions.id, revisionIds))
      : [];

    const plans = planReanchoring({
      articleId,
      claims: claimRows,
      bodies: new Map(oldRevisions.map((r) => [r.id, r.body])),
      newBody: body,
      newRevisionId: revision.id,
      previousNumber: current.number,
      newNumber: number,
    });
    const outcomes: ClaimReanchorOutcome[] = [];
    const audits: AuditEntry<"claim.reanchor">[] = [];
    const now = new Date();
    const updatedAtOf = new Map(claimRows.map((c) => [c.id, c.updatedAt]));
    const claimById = new Map(claimRows.map((c) => [c.id, c]));
    const told: NotificationEntry[] = [];
    for (const plan of plans) {
      const claim = plan.outcome;
      await tx
        .update(claims)
        .set({
          ...plan.set,
          // Offsets alone are not reviewed content; a change of the text under the claim is.
          ...(plan.textChanged ? { version: sql`${claims.version} + 1`, statusReason: plan.textChanged.reason } : {}),
          ...(plan.backToReview ? backToReviewColumns(now) : {}),
          updatedAt: plan.textChanged ? now : updatedAtOf.get(claim.id),
        })
        .where(eq(claims.id, claim.id));
      // The figures of the marked text follow the text now under the claim.
      const before = claimById.get(claim.id);
      if (before && markedTextOf(before) !== markedTextOf({ exact: before.exact, anchorText: plan.set.anchorText })) {
        await writeClaimFigures(tx, claim.id, {
          exact: before.exact,
          anchorText: plan.set.anchorText,
          statement: before.statement,
        });
      }
      outcomes.push(plan.outcome);
      // The text under the claim changed: its editor is told, and so is the reviewer it waits for.
      const row = claimById.get(claim.id);
      if (plan.textChanged && row) {
        const notice = { kind: "text_changed" as const, claimId: claim.id, detail: plan.textChanged.reason };
        told.push({ ...notice, recipientId: row.createdBy });
        const inReview = plan.backToReview || row.status === "in_review";
        if (inReview && row.assignedReviewerId) told.push({ ...notice, recipientId: row.assignedReviewerId });
      }
      if (plan.audit)
        audits.push({ actorId: user.id, action: "claim.reanchor", targetType: "claim", targetId: claim.id, ...plan.audit });
    }
    await notify(tx, user.id, told);
    await recordAudits(tx, audits);
    await recordAudit(tx, {
      actorId: user.id,
      action: "article.revise",
      targetType: "article",
      targetId: articleId,
      before: { revision: current.number, bodyHash: current.bodyHash },
      after: { revision: number, bodyHash },
      meta: {
        claims: outcomes.length,
        states: outcomes.reduce<Record<string, number>>(
          (acc, o) => ((acc[o.anchorState] = (acc[o.anchorState] ?? 0) + 1), acc),
          {},
        ),
      },
    });
    return { articleId, revision: number, revisionId: revision.id, unchanged: false, claims: outcomes };
  });
}
