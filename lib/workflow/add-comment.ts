import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/database";
import { type CommentRow, claims, comments } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput, sqlState } from "../errors";
import { type NotificationEntry, notify } from "../notifications/notify";
import { resolveMentions } from "../notifications/resolve-mentions";
import { addCommentSchema } from "./schemas";
import { type CommentView, requireClaim, toCommentView } from "./comment-view";

/**
 * Who hears of a new comment: the people it `@mentions` (docs/notifications.md), then the claim's
 * editor and its assigned reviewer, each once; never its author (notify() drops them).
 */
async function notifyComment(tx: Tx, authorId: string, row: CommentRow): Promise<void> {
  const [claim] = await tx
    .select({ createdBy: claims.createdBy, assignedReviewerId: claims.assignedReviewerId })
    .from(claims)
    .where(eq(claims.id, row.claimId));
  const mentioned = await resolveMentions(tx, row.body);
  const told = new Set(mentioned.map((m) => m.id));
  const entries: NotificationEntry[] = mentioned.map((m) => ({
    recipientId: m.id,
    kind: "mentioned",
    claimId: row.claimId,
    commentId: row.id,
    detail: row.body,
  }));
  for (const id of [claim?.createdBy, claim?.assignedReviewerId]) {
    if (!id || told.has(id)) continue;
    told.add(id);
    entries.push({ recipientId: id, kind: "commented", claimId: row.claimId, commentId: row.id, detail: row.body });
  }
  await notify(tx, authorId, entries);
}

export async function addComment(actor: Actor | null, claimId: string, input: unknown): Promise<CommentView> {
  const user = await authorize(actor, "comment:write", { type: "claim", id: claimId });
  const data = parseInput(addCommentSchema, input);
  const db = await getDb();
  await requireClaim(db, claimId);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(comments).values({ claimId, authorId: user.id, body: data.body }).returning();
      if (!row) throw new Error("insert returned no comment");
      await recordAudit(tx, {
        actorId: user.id,
        action: "comment.add",
        targetType: "claim",
        targetId: claimId,
        after: { commentId: row.id, body: row.body },
      });
      await notifyComment(tx, user.id, row);
      return toCommentView(row, user.name, user.id);
    });
  } catch (err) {
    // The claim was deleted between the check and the insert.
    if (sqlState(err) === "23503") throw notFound("The claim");
    throw err;
  }
}
