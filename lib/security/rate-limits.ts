import "server-only";
import { lt, sql } from "drizzle-orm";
import { rateLimitCounters } from "@/db/schema";
import { getDb } from "@/lib/database";
import { env } from "../env";
import {
  apiBuckets,
  type Bucket,
  decide,
  loginBuckets,
  type RateLimitDecision,
  type RateLimitSettings,
  windowStartOf,
} from "./rate-limit-rules";

/**
 * Rate limits of the JSON API and of login (docs/api.md, "Rate limits"), counted in PostgreSQL so
 * that every app instance on the database shares them.
 *
 * One statement per request: an upsert of the request's buckets (`rate_limit_counters`, one row per
 * bucket) that adds one to each counter of the current window, or starts the window again at 1, and
 * answers the counts. The row lock of ON CONFLICT DO UPDATE serialises concurrent requests of a
 * bucket, so N parallel requests get the counts 1…N: with a limit of K exactly K pass. Nothing is
 * read first, so there is no read-then-write race.
 */

/** The limits this process enforces (RATE_LIMIT_* in lib/env.ts), or null when they are off. */
export const RATE_LIMITS: RateLimitSettings | null =
  env.RATE_LIMIT === "off"
    ? null
    : {
        windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
        perToken: env.RATE_LIMIT_PER_TOKEN,
        perUser: env.RATE_LIMIT_PER_USER,
        perIp: env.RATE_LIMIT_PER_IP,
        loginPerIp: env.RATE_LIMIT_LOGIN_PER_IP,
      };

/** Counts one request against `buckets` and decides it (null when there is no bucket to count). */
export async function countRequest(
  buckets: readonly Bucket[],
  windowSeconds: number,
  now = Date.now(),
): Promise<RateLimitDecision | null> {
  if (buckets.length === 0) return null;
  const windowStart = windowStartOf(now, windowSeconds);
  const db = await getDb();
  const counts = await db
    .insert(rateLimitCounters)
    .values(buckets.map((b) => ({ bucket: b.key, windowStart, hits: 1 })))
    .onConflictDoUpdate({
      target: rateLimitCounters.bucket,
      // A later window starts again at 1. An earlier one (an instance whose clock is behind, at
      // the turn of a window) counts in the later window already stored.
      set: {
        hits: sql`case when excluded.window_start > ${rateLimitCounters.windowStart} then 1 else ${rateLimitCounters.hits} + 1 end`,
        windowStart: sql`greatest(excluded.window_start, ${rateLimitCounters.windowStart})`,
      },
    })
    .returning({ key: rateLimitCounters.bucket, hits: rateLimitCounters.hits, windowStart: rateLimitCounters.windowStart });
  schedulePurge(windowStart);
  return decide(buckets, counts, now, windowSeconds);
}

/** Counts a JSON API request by its token, user and client address (null: limits off or nothing known). */
export function countApiRequest(
  who: { userId?: string | null; tokenId?: string | null; ip?: string | null },
  now = Date.now(),
): Promise<RateLimitDecision | null> {
  if (!RATE_LIMITS) return Promise.resolve(null);
  return countRequest(apiBuckets(RATE_LIMITS, who), RATE_LIMITS.windowSeconds, now);
}

/** Counts a login attempt by its client address (null: limits off or no address known). */
export function countLoginAttempt(ip: string | null | undefined, now = Date.now()): Promise<RateLimitDecision | null> {
  if (!RATE_LIMITS) return Promise.resolve(null);
  return countRequest(loginBuckets(RATE_LIMITS, ip), RATE_LIMITS.windowSeconds, now);
}

/** Counters deleted per purge: a larger backlog goes in the next windows' purges. */
const PURGE_BATCH = 10_000;
let purgedBefore = 0;

/**
 * Deletes the counters of windows before `windowStart` (they would start again at 1 anyway), so the
 * table holds about one row per client active in the current window. Each process does it once per
 * window, off the request's path (not awaited); rows another request holds are skipped, never
 * waited for.
 */
function schedulePurge(windowStart: Date): void {
  if (windowStart.getTime() <= purgedBefore) return;
  purgedBefore = windowStart.getTime();
  purgeRateLimitCounters(windowStart).catch((err: unknown) => {
    purgedBefore = 0; // try again with the next request
    console.error("[rate-limit] purging old counters failed", err instanceof Error ? err.message : err);
  });
}

/** Deletes (up to PURGE_BATCH) counters whose window started before `before`; the number deleted. */
export async function purgeRateLimitCounters(before: Date): Promise<number> {
  const db = await getDb();
  const stale = db
    .select({ bucket: rateLimitCounters.bucket })
    .from(rateLimitCounters)
    .where(lt(rateLimitCounters.windowStart, before))
    .limit(PURGE_BATCH)
    .for("update", { skipLocked: true });
  const deleted = await db
    .delete(rateLimitCounters)
    .where(sql`${rateLimitCounters.bucket} in (${stale})`)
    .returning({ bucket: rateLimitCounters.bucket });
  return deleted.length;
}
