import "server-only";
import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { articleViewers, users } from "@/db/schema";
import { type Db, type Tx, getDb } from "@/lib/database";
import { AppError } from "../errors";
import { LIVE_CHANNEL } from "./live-event";

/**
 * Who has an article open, shared by every app instance through the article_viewers table: a row
 * per open stream, renewed while it is open (renewViewers), removed when it closes. Each change
 * announces `{type: "presence", articleId}` on the live channel; viewers' browsers then ask who is
 * there (listArticleViewers), so names never travel in the stream.
 */
export const PRESENCE_TTL_SECONDS = 90;
/** Open live streams per user, over all instances (tabs of one person; a script gone wrong). */
export const MAX_STREAMS_PER_USER = 12;
/** Advisory-lock class of joinArticle (the two-key form: apart from other advisory locks). */
const JOIN_LOCK_CLASS = 1_406_300_002;

async function announcePresence(tx: Db | Tx, articleId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ type: "presence", articleId })})`);
}

/** Records an open stream; refused (429) past MAX_STREAMS_PER_USER open streams of this user. */
export async function joinArticle(streamId: string, articleId: string, userId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    // One join of a user at a time: without it, streams opened at once all count the same rows.
    await tx.execute(sql`select pg_advisory_xact_lock(${JOIN_LOCK_CLASS}, hashtext(${userId}))`);
    const [{ open } = { open: 0 }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(articleViewers)
      .where(and(eq(articleViewers.userId, userId), gt(articleViewers.expiresAt, sql`now()`)));
    if (Number(open) >= MAX_STREAMS_PER_USER) {
      throw new AppError(
        "too_many_requests",
        `You have ${MAX_STREAMS_PER_USER} live connections open already; close some tabs of the desk.`,
      );
    }
    await tx.insert(articleViewers).values({
      id: streamId,
      articleId,
      userId,
      expiresAt: sql`now() + make_interval(secs => ${PRESENCE_TTL_SECONDS})`,
    });
    await announcePresence(tx, articleId);
  });
}

export async function leaveArticle(streamId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(articleViewers)
      .where(eq(articleViewers.id, streamId))
      .returning({ articleId: articleViewers.articleId });
    for (const row of gone) await announcePresence(tx, row.articleId);
  });
}

/**
 * Renews this instance's open streams and removes the rows of streams whose instance stopped
 * renewing them (it crashed), announcing the articles whose viewers changed.
 */
export async function renewViewers(streamIds: string[]): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (streamIds.length > 0) {
      await tx
        .update(articleViewers)
        .set({ expiresAt: sql`now() + make_interval(secs => ${PRESENCE_TTL_SECONDS})` })
        .where(inArray(articleViewers.id, streamIds));
    }
    const expired = await tx
      .delete(articleViewers)
      .where(lte(articleViewers.expiresAt, sql`now()`))
      .returning({ articleId: articleViewers.articleId });
    for (const articleId of new Set(expired.map((row) => row.articleId))) await announcePresence(tx, articleId);
  });
}

/** The users with the article open now, each once, by name. */
export async function viewersOf(articleId: string): Promise<{ id: string; name: string }[]> {
  const db = await getDb();
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(articleViewers)
    .innerJoin(users, eq(users.id, articleViewers.userId))
    .where(and(eq(articleViewers.articleId, articleId), gt(articleViewers.expiresAt, sql`now()`)))
    .orderBy(users.name, users.id);
}
