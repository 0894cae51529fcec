import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { articles } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import { type Actor, can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { isDraining } from "../http/server-state";
import { isUuid } from "../validation";
import { type ArticleStream, registerStream, startLiveUpdates, unregisterStream } from "./article-streams";
import { sseEvent } from "./live-event";
import { joinArticle, leaveArticle } from "./presence";
import type { StreamRecheck } from "./stream-actor";

/** What EventSource waits before reconnecting after the stream ends (ms). */
const RECONNECT_MS = 2_000;

export interface StreamOptions {
  /** Asks again whether the stream's user may still act (lib/live/stream-actor.ts). */
  recheck: StreamRecheck;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
}

export async function assertArticleExists(articleId: string): Promise<void> {
  if (!isUuid(articleId)) throw notFound("The article");
  const db = await getDb();
  const [row] = await db.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId));
  if (!row) throw notFound("The article");
}

/**
 * The live-update stream of one article for the acting user (docs/live-updates.md): server-sent
 * events carrying ids and versions of what changed, who-is-here changes and resync requests. The
 * user must be allowed to read the article, now and later: the session is checked again every
 * 30 s and at once when the user signs out or is disabled, and the stream ends when it fails.
 */
export async function openArticleStream(
  actor: Actor | null,
  articleId: string,
  options: StreamOptions,
): Promise<ReadableStream<Uint8Array>> {
  const user = await authorize(actor, "article:read", { type: "article", id: articleId });
  if (isDraining()) throw new AppError("unavailable", "This server is shutting down; connect again.");
  await assertArticleExists(articleId);
  // Listening before the stream exists: nothing that happens after `ready` can be missed.
  await startLiveUpdates();
  const streamId = randomUUID();
  await joinArticle(streamId, articleId, user.id);

  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;

  const stream: ArticleStream = {
    id: streamId,
    articleId,
    userId: user.id,
    write(chunk) {
      if (closed || !controller) return;
      try {
        controller.enqueue(encoder.encode(chunk));
      } catch {
        finish();
      }
    },
    close(reason) {
      if (reason) stream.write(sseEvent("end", { reason }));
      finish();
    },
    async stillAllowed() {
      const now = await options.recheck();
      if (now === "renew") return "renew";
      return now !== null && now.id === user.id && can(now, "article:read");
    },
  };

  function finish(): void {
    if (closed) return;
    closed = true;
    unregisterStream(stream);
    options.signal?.removeEventListener("abort", finish);
    try {
      controller?.close();
    } catch {
      /* already closed by the client going away */
    }
    leaveArticle(streamId).catch((err: unknown) => {
      // The row expires by itself (PRESENCE_TTL_SECONDS).
      console.error(`[live] could not record leaving: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  options.signal?.addEventListener("abort", finish);
  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      registerStream(stream);
      stream.write(`retry: ${RECONNECT_MS}\n\n`);
      stream.write(sseEvent("ready", { articleId, streamId }));
      if (options.signal?.aborted) finish();
    },
    cancel() {
      finish();
    },
  });
}
