import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { comments, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize, recordDenied } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, forbidden, notFound, parseInput } from "../errors";
import { notify } from "../notifications/notify";
import { resolveMentions } from "../notifications/resolve-mentions";
import { editCommentSchema } from "./schemas";
import { isUuid } from "../validation";
import { type CommentView, toCommentView } from "./comment-view";

/** The author rewords their comment; the previous wording is kept in the audit row. */
export async function editComment(actor: Actor | null, claimId: string, commentId: string, input: unknown): Promise<CommentView> {
  const user = await authorize(actor, "comment:write", { type: "claim", id: claimId });
  const data = parseInput(editCommentSchema, input);
  if (!isUuid(claimId) || !isUuid(commentId)) throw notFound("The comment");
  const db = await getDb();
  let notAuthor = false;
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(comments)
        .where(and(eq(comments.id, commentId), eq(comments.claimId, claimId)))
        .for("update");
      if (!current) throw notFound("The comment");
      if (current.authorId !== user.id) {
        notAuthor = true;
        throw forbidden("Only its author can edit a comment.");
      }
      const authorName = user.name;
      if (current.version !== data.version) {
        const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, current.authorId));
        throw new AppError(
          "conflict",
          `This comment changed since you opened it (you edited version ${data.version}, it is now at version ${current.version}).`,
          undefined,
          { current: toCommentView(current, author?.name ?? authorName, user.id) },
        );
      }
      if (current.body === data.body) return toCommentView(current, authorName, user.id);
      const [row] = await tx
        .update(comments)
        .set({ body: data.body, version: current.version + 1, editedAt: new Date() })
        .where(eq(comments.id, commentId))
        .returning();
      if (!row) throw notFound("The comment");
      await recordAudit(tx, {
        actorId: user.id,
        action: "comment.edit",
        targetType: "claim",
        targetId: claimId,
        before: { commentId, body: current.body },
        after: { commentId, body: row.body },
        meta: { version: row.version },
      });
      // A rewording that adds a mention tells the newly mentioned; those mentioned before were told.
      const before = new Set((await resolveMentions(tx, current.body)).map((m) => m.id));
      const added = (await resolveMentions(tx, row.body)).filter((m) => !before.has(m.id));
      await notify(
        tx,
        user.id,
        added.map((m) => ({ recipientId: m.id, kind: "mentioned", claimId, commentId: row.id, detail: row.body })),
      );
      return toCommentView(row, authorName, user.id);
    });
  } finally {
    if (notAuthor) await recordDenied(user, "comment:edit", { type: "comment", id: commentId }, "not the author");
  }
}
