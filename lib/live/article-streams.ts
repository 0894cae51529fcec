import "server-only";
import { onDrain } from "../http/server-state";
import { addLiveChannelListener, type LiveChannelListener, stopLiveChannel } from "./live-channel";
import { SSE_HEARTBEAT, sseEvent } from "./live-event";
import { renewViewers } from "./presence";

/**
 * The open live-update streams of this app instance, by article: the channel's notices fan out to
 * them in memory. Every HEARTBEAT_MS each stream gets a comment line (so proxies keep it open);
 * every other beat the instance renews its streams' presence rows and re-checks each stream's
 * session, ending those whose user signed out, was disabled or may no longer read the article.
 */
export interface ArticleStream {
  id: string;
  articleId: string;
  userId: string;
  /** Writes raw SSE text; a no-op once closed. */
  write(chunk: string): void;
  /** Ends the stream. With a reason, an `end` event first tells the browser not to reconnect. */
  close(reason?: "signed-out"): void;
  /**
   * Whether the stream's user may still read the article (session re-checked in the database);
   * "renew" when only the stream's copy of the session cookie ran out of idle time.
   */
  stillAllowed(): Promise<boolean | "renew">;
}

const HEARTBEAT_MS = 15_000;

interface HubSlot {
  streams: Map<string, ArticleStream>;
  byArticle: Map<string, Set<ArticleStream>>;
  started?: Promise<void>;
  stop?: () => void;
  beats: number;
}

const GLOBAL_KEY = Symbol.for("fact-check-desk.live-streams");
const hub: HubSlot = ((globalThis as { [GLOBAL_KEY]?: HubSlot })[GLOBAL_KEY] ??= {
  streams: new Map(),
  byArticle: new Map(),
  beats: 0,
});

function recheck(stream: ArticleStream): void {
  stream.stillAllowed().then(
    (allowed) => {
      // "renew": ended without an `end` event, so the browser connects again with its current cookie.
      if (allowed === "renew") stream.close();
      else if (!allowed) stream.close("signed-out");
    },
    () => {}, // the database could not say (an outage): keep the stream, ask again next time
  );
}

const channelListener: LiveChannelListener = {
  notice(notice) {
    if (notice.type === "user") {
      for (const stream of hub.streams.values()) if (stream.userId === notice.userId) recheck(stream);
      return;
    }
    for (const stream of hub.byArticle.get(notice.articleId) ?? []) stream.write(sseEvent(notice.type, notice));
  },
  resync() {
    for (const stream of hub.streams.values()) stream.write(sseEvent("resync", {}));
  },
};

function beat(): void {
  hub.beats++;
  for (const stream of hub.streams.values()) stream.write(SSE_HEARTBEAT);
  if (hub.beats % 2 === 0) {
    for (const stream of hub.streams.values()) recheck(stream);
    renewViewers([...hub.streams.keys()]).catch((err: unknown) => {
      console.error(`[live] could not renew presence: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}

/** Starts (once per instance) the channel listener, the heartbeat and the drain hook. */
export function startLiveUpdates(): Promise<void> {
  if (!hub.started) {
    const started = addLiveChannelListener(channelListener).then(() => {
      const heartbeat = setInterval(beat, HEARTBEAT_MS);
      heartbeat.unref();
      // Draining: end every stream so it does not hold the server; browsers reconnect elsewhere.
      const forget = onDrain(closeAllStreams);
      hub.stop = () => {
        clearInterval(heartbeat);
        forget();
      };
    });
    hub.started = started;
    started.catch(() => {
      if (hub.started === started) delete hub.started;
    });
  }
  return hub.started;
}

function closeAllStreams(): void {
  for (const stream of [...hub.streams.values()]) stream.close();
}

/** Ends every stream and stops listening (tests; a database about to be closed or swapped). */
export async function stopLiveUpdates(): Promise<void> {
  closeAllStreams();
  hub.stop?.();
  delete hub.stop;
  delete hub.started;
  await stopLiveChannel();
}

export function registerStream(stream: ArticleStream): void {
  hub.streams.set(stream.id, stream);
  let forArticle = hub.byArticle.get(stream.articleId);
  if (!forArticle) hub.byArticle.set(stream.articleId, (forArticle = new Set<ArticleStream>()));
  forArticle.add(stream);
}

export function unregisterStream(stream: ArticleStream): void {
  hub.streams.delete(stream.id);
  const forArticle = hub.byArticle.get(stream.articleId);
  forArticle?.delete(stream);
  if (forArticle?.size === 0) hub.byArticle.delete(stream.articleId);
}

/** How many streams this instance holds (health figures, tests). */
export function openStreamCount(): number {
  return hub.streams.size;
}
