import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, getDatabase } from "@/lib/database";
import { pollAuditOutbox } from "./audit-outbox";
import { LIVE_CHANNEL, type LiveNotice, parseLiveNotice } from "./live-event";

/**
 * What an app instance hears, whatever the number of open streams: claim and article changes read
 * from the audit log a few times a second (audit-outbox.ts: nothing on the write path, nothing
 * missed), and, through one LISTEN on the `desk_live` channel, the rare notices that must act at
 * once (a user signed out, was disabled or changed, a token revoked; presence).
 *
 * PGlite (one process): its own listen API on the app's PGlite instance; nothing can be missed.
 * PostgreSQL: a dedicated postgres.js connection (`sql.listen`). postgres.js listens again when
 * that connection closes, but only once: if the server is still down then, it stops for good. So
 * a watchdog sends a probe through the app's pool every few seconds and, when its own probes stop
 * arriving, replaces the listening connection. Notifications sent while nobody listened are lost:
 * every (re)established LISTEN after the first tells the streams to resync (their pages refetch).
 */
export interface LiveChannelListener {
  notice(notice: LiveNotice): void;
  /** Notifications may have been missed (the LISTEN connection was re-established). */
  resync(): void;
}

const PROBE_EVERY_MS = 5_000;
/** No probe of ours arrived for this long: the LISTEN connection is gone. */
const PROBE_STALE_MS = 12_000;

interface ChannelSlot {
  listeners: Set<LiveChannelListener>;
  opening?: Promise<() => Promise<void>>;
}

const GLOBAL_KEY = Symbol.for("fact-check-desk.live-channel");
const slot: ChannelSlot = ((globalThis as { [GLOBAL_KEY]?: ChannelSlot })[GLOBAL_KEY] ??= { listeners: new Set() });

function deliver(payload: string): void {
  const notice = parseLiveNotice(payload);
  if (notice) deliverNotice(notice);
}

function deliverNotice(notice: LiveNotice): void {
  for (const listener of slot.listeners) listener.notice(notice);
}

/** The LISTEN and the outbox reader of this instance; the returned function stops both. */
async function openChannel(handle: DatabaseHandle): Promise<() => Promise<void>> {
  const unlisten = handle.driver === "postgres" ? await listenOnPostgres(handle) : await listenOnPglite(handle);
  try {
    const stopReading = await pollAuditOutbox(handle, deliverNotice);
    return async () => {
      await stopReading();
      await unlisten();
    };
  } catch (err) {
    await unlisten();
    throw err;
  }
}

function resyncAll(): void {
  for (const listener of slot.listeners) listener.resync();
}

interface PgliteListenClient {
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

async function listenOnPglite(handle: DatabaseHandle): Promise<() => Promise<void>> {
  const client = (handle.db as unknown as { $client: PgliteListenClient }).$client;
  const unlisten = await client.listen(LIVE_CHANNEL, deliver);
  return () => unlisten().catch(() => {});
}

async function listenOnPostgres(handle: DatabaseHandle): Promise<() => Promise<void>> {
  const { default: postgres } = await import("postgres");
  const probe = JSON.stringify({ type: "probe", id: randomUUID() });
  let stopped = false;
  let everListened = false;
  let lastProbeSeen = Date.now();
  let client: ReturnType<typeof postgres> | null = null;
  let connecting = false;

  const connect = async () => {
    if (connecting || stopped) return;
    connecting = true;
    const previous = client;
    client = null;
    await previous?.end({ timeout: 0 }).catch(() => {});
    const next = postgres(handle.url!, { max: 1, connect_timeout: 5, onnotice: () => {} });
    try {
      await next.listen(
        LIVE_CHANNEL,
        (payload) => {
          if (payload === probe) lastProbeSeen = Date.now();
          else deliver(payload);
        },
        () => {
          lastProbeSeen = Date.now();
          if (everListened) resyncAll();
          everListened = true;
        },
      );
      if (stopped) await next.end({ timeout: 0 }).catch(() => {});
      else client = next;
    } catch (err) {
      await next.end({ timeout: 0 }).catch(() => {});
      console.error(`[live] could not LISTEN: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      connecting = false;
    }
  };

  await connect();
  if (!client) throw new Error("could not LISTEN for live updates");
  const watchdog = setInterval(() => {
    if (!client || Date.now() - lastProbeSeen > PROBE_STALE_MS) {
      void connect();
      return;
    }
    // A probe that cannot be sent (the server is down) says nothing about the listener.
    handle.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${probe})`).then(
      () => {},
      () => {
        lastProbeSeen = Date.now();
      },
    );
  }, PROBE_EVERY_MS);
  watchdog.unref();
  return async () => {
    stopped = true;
    clearInterval(watchdog);
    await client?.end({ timeout: 0 }).catch(() => {});
    client = null;
  };
}

/** Starts this instance's LISTEN and outbox reader (once) and adds a listener; resolves once both run. */
export async function addLiveChannelListener(listener: LiveChannelListener): Promise<void> {
  slot.listeners.add(listener);
  if (!slot.opening) {
    const opening = getDatabase().then(openChannel);
    slot.opening = opening;
    opening.catch(() => {
      if (slot.opening === opening) delete slot.opening;
    });
  }
  try {
    await slot.opening;
  } catch (err) {
    slot.listeners.delete(listener);
    throw err;
  }
}

export function removeLiveChannelListener(listener: LiveChannelListener): void {
  slot.listeners.delete(listener);
}

/** Stops listening (tests, and before the database is swapped or closed). */
export async function stopLiveChannel(): Promise<void> {
  const opening = slot.opening;
  delete slot.opening;
  slot.listeners.clear();
  if (opening) await (await opening.catch(() => async () => {}))();
}
