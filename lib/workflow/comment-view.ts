/**
 * What the comment use cases (list-comments.ts, add-comment.ts, edit-comment.ts) share: the view of
 * a comment as its reader sees it, and the check that the claim exists.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { type Db } from "@/lib/database";
import { type CommentRow, claims } from "@/db/schema";
import { notFound } from "../errors";
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

export function toCommentView(row: CommentRow, authorName: string, readerId: string): CommentView {
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

/** 404 unless the claim exists (comments are read and added on a claim). */
export async function requireClaim(db: Db, claimId: string): Promise<void> {
  if (!isUuid(claimId)) throw notFound("The claim");
  const [row] = await db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId));
  if (!row) throw notFound("The claim");
}
