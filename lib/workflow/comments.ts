import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb, type Tx } from "@/lib/database";
import { type CommentRow, claims, comments, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize, recordDenied } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, forbidden, notFound, parseInput, sqlState } from "../errors";
import { type NotificationEntry, notify } from "../notifications/notify";
import { resolveMentions } from "../notifications/resolve-mentions";
import { addCommentSchema, editCommentSchema } from "./schemas";
import { type UserRef, userRefSchema } from "./workflow-store";
import { isUuid } from "../validation";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";

export interface CommentView {
  id: string;
  claimId: string;
  author: UserRef;
  body: string;
  /** Send it back when editing: a comment changed meanwhile answers 409. */
  version: number;
  createdAt: string;
  /** Null until the author edits it; earlier wordings are in the claim history. */
  editedAt: string | null;
  /** Only the author may edit; computed for the reader who asked. */
  canEdit: boolean;
}

export const commentViewSchema = viewSchema<CommentView>()(
  z.object({
    id: z.string(),
    claimId: z.string(),
    author: userRefSchema,
    body: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    canEdit: z.boolean(),
  }),
);

function toCommentView(row: CommentRow, authorName: string, readerId: string): CommentView {
  return {
    id: row.id,
    claimId: row.claimId,
    author: { id: row.authorId, name: authorName },
    body: row.body,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    canEdit: row.authorId === readerId,
  };
}

async function requireClaim(db: Db, claimId: string): Promise<void> {
  if (!isUuid(claimId)) throw notFound("The claim");
  const [row] = await db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId));
  if (!row) throw notFound("The claim");
}

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

/** Oldest first: a conversation reads top to bottom. */
export async function listComments(actor: Actor | null, claimId: string): Promise<CommentView[]> {
  const user = await authorize(actor, "claim:read", { type: "claim", id: claimId });
  const db = await getDb();
  await requireClaim(db, claimId);
  const rows = await db
    .select({ comment: comments, authorName: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.claimId, claimId))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return rows.map((r) => toCommentView(r.comment, r.authorName, user.id));
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
