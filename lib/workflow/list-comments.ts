import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { comments, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type CommentView, requireClaim, toCommentView } from "./comment-view";

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
