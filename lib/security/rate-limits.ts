import "server-only";
import { lt, type SQL, sql } from "drizzle-orm";
import { databaseFailure } from "@/db/failures";
import { rateLimitCounters } from "@/db/schema";
import { type Db, getDb, getQuickDb, prepareStatement, type PreparedStatement, rowsOf, statementCache } from "@/lib/database";
import { env } from "../env";
import {
  apiBuckets,
  type Bucket,
  type BucketCount,
  decide,
  loginBuckets,
  type RateLimitDecision,
  type RateLimitSettings,
  windowStartOf,
} from "./rate-limit-rules";
import { CountLeases } from "./count-leases";

/**
 * Rate limits of the JSON API and of login (docs/api.md, "Rate limits"), counted in PostgreSQL so
 * that every app instance on the database shares them.
 *
 * Each request gets a number in each of its buckets' windows, and the one numbered above the limit
 * is refused. The numbers come from an upsert of the request's buckets (`rate_limit_counters`, one
 * row per bucket) that adds to each counter of the current window (or starts the window again) and
 * answers the counts. The row lock of ON CONFLICT DO UPDATE serialises concurrent requests of a
 * bucket, so N parallel requests get the numbers 1…N: with a limit of K, K pass. Nothing is read
 * first, so there is no read-then-write race. A bucket that keeps this instance busy far below its
 * limit gets several numbers per upsert, which the instance hands to its next requests without
 * writing (CountLeases, lib/security/count-leases.ts): still no number twice, so never more than K.
 *
 * The table is UNLOGGED (migration 0025): a count writes no WAL but its commit record, and
 * PostgreSQL flushes WAL at commit only for a transaction that wrote some (xact.c,
 * RecordTransactionCommit), so a count never waits for the disk while it holds its row locks,
 * whatever `synchronous_commit` says. Turning that off for the counting statement
 * (`set_config('synchronous_commit', 'off', true)`) was measured to change nothing (bench/README.md,
 * "HTTP overhead").
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

/**
 * This instance's reserved counts (lib/security/count-leases.ts): a busy bucket far below its limit
 * is counted in the database once per few requests, not on every one.
 */
const leases = new CountLeases();

/**
 * A bucket to count in the database, and how many numbers to reserve for it: for the request,
 * which found none left (it takes the first), or as a refill of what this instance holds.
 */
interface Reservation {
  bucket: Bucket;
  size: number;
  forRequest: boolean;
}

/**
 * Each of `buckets`' number for this request, when this instance holds one (taken, in `numbers`),
 * and what to reserve in the database: for the buckets that had none, and refills.
 */
function planCount(
  buckets: readonly Bucket[],
  windowStart: number,
  windowMs: number,
  now: number,
  numbers: Map<string, BucketCount>,
): Reservation[] {
  const reserve: Reservation[] = [];
  leases.forgetBefore(windowStart);
  for (const bucket of buckets) {
    const n = leases.take(bucket.key, windowStart, windowMs, now);
    if (n === null) {
      reserve.push({ bucket, size: leases.sizeFor(bucket, windowStart, windowMs, now, true), forRequest: true });
      continue;
    }
    numbers.set(bucket.key, { key: bucket.key, hits: n, windowStart: new Date(windowStart) });
    const refill = leases.sizeFor(bucket, windowStart, windowMs, now, false);
    if (refill > 0) reserve.push({ bucket, size: refill, forRequest: false });
  }
  return reserve;
}

/** The reservations planCount sized above 1 are no longer on their way (answered or failed). */
function settled(reserve: readonly Reservation[]): void {
  for (const r of reserve) if (r.size > 1) leases.settled(r.bucket.key);
}

/** Records what the database answered for the reservations; a request's own number of each goes in `numbers`. */
function settleCount(
  reserve: readonly Reservation[],
  answered: readonly BucketCount[],
  now: number,
  numbers: Map<string, BucketCount>,
) {
  for (const count of answered) {
    const r = reserve.find((x) => x.bucket.key === count.key);
    if (!r) continue;
    const hits = leases.reserve(count.key, count.windowStart.getTime(), count.hits, r.size, now, r.forRequest);
    if (hits !== null) numbers.set(count.key, { key: count.key, hits, windowStart: count.windowStart });
  }
}

/**
 * What an upsert of counters (`excluded`: the bucket, the request's window, the numbers to add)
 * sets on a counter that exists: a later window starts again at what is added; an earlier one (an
 * instance whose clock is behind, at the turn of a window) adds to the later window already
 * stored. Both counting statements use it (addToCounters, buildSessionStatement).
 */
const ADD_TO_COUNTER = {
  hits: sql`case when excluded.window_start > ${rateLimitCounters.windowStart} then excluded.hits else ${rateLimitCounters.hits} + excluded.hits end`,
  windowStart: sql`greatest(excluded.window_start, ${rateLimitCounters.windowStart})`,
};

/** Adds `size` to each bucket's counter in the window of `windowStart` (or starts it at `size`); the counters as they then stand. */
async function addToCounters(reserve: readonly Reservation[], windowStart: Date): Promise<BucketCount[]> {
  if (reserve.length === 0) return [];
  // The main pool: unnamed (its text varies with the number of buckets), so it would stop
  // postgres.js pipelining on a connection of the pool of short statements until it drains.
  const db = await getDb();
  return db
    .insert(rateLimitCounters)
    .values(reserve.map((r) => ({ bucket: r.bucket.key, windowStart, hits: r.size })))
    .onConflictDoUpdate({
      target: rateLimitCounters.bucket,
      set: ADD_TO_COUNTER,
    })
    .returning({ key: rateLimitCounters.bucket, hits: rateLimitCounters.hits, windowStart: rateLimitCounters.windowStart });
}

/** Counts one request against `buckets` and decides it (null when there is no bucket to count). */
export async function countRequest(
  buckets: readonly Bucket[],
  windowSeconds: number,
  now = Date.now(),
): Promise<RateLimitDecision | null> {
  if (buckets.length === 0) return null;
  const windowStart = windowStartOf(now, windowSeconds);
  const numbers = new Map<string, BucketCount>();
  const reserve = planCount(buckets, windowStart.getTime(), windowSeconds * 1000, now, numbers);
  try {
    settleCount(reserve, await addToCounters(reserve, windowStart), now, numbers);
  } finally {
    settled(reserve);
  }
  schedulePurge(windowStart);
  return decide(buckets, [...numbers.values()], now, windowSeconds);
}

/** Counts a JSON API request by its token, user and client address (null: limits off or nothing known). */
export function countApiRequest(
  who: { userId?: string | null; tokenId?: string | null; ip?: string | null },
  now = Date.now(),
): Promise<RateLimitDecision | null> {
  if (!RATE_LIMITS) return Promise.resolve(null);
  return countRequest(apiBuckets(RATE_LIMITS, who), RATE_LIMITS.windowSeconds, now);
}

/** A signed-in user as the session check reads them (lib/auth/authenticate.ts, loadSessionActor). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

/**
 * A read that rides along the session check and the count (sessionUserAndCount): the first
 * statement of a use case (GET /api/queue's page), sent in the same statement so that the request
 * costs one round trip to the database instead of two. Built by the use case's module, which
 * authorizes as ever (its `authorize` call and the rows it returns). The statement reads the rows
 * only when the session holds, the user's role is one of `roles` and no bucket it counts was at its
 * limit before this request (a 401, a 403 or a client already refused reads nothing);
 * sessionUserAndCount hands them on only when the request is allowed (decide), and for that user.
 * A bucket this instance numbers itself (CountLeases) is not in the statement: a request refused by
 * such a number has read its rows, and they are dropped.
 */
export interface SessionRead {
  /** Which statement: one per distinct `select` text (a use case's shape). */
  key: string;
  /** Sent as a named prepared statement (a generic plan may be kept), or unnamed (planned each time). */
  named: boolean;
  /** The roles whose users may read the rows (lib/auth/permissions.ts PERMISSIONS). */
  roles: readonly string[];
  /**
   * The read: `select ${head}, <its columns> … where <its conditions> and ${gate} … order by …
   * limit …`, every value a placeholder; its columns aliased, none named `meta` (`head`'s).
   */
  select(head: SQL, gate: SQL): SQL;
  /** How many columns `select` has. */
  columns: number;
  /** The values of its placeholders, given the session's user id (the reader, when it holds). */
  values(userId: string): Record<string, unknown>;
  /** Set by sessionUserAndCount: the read's rows in order, or null when the statement refused them. */
  rows: unknown[] | null;
  /**
   * Set with `rows`: what the statement's own gate (session, role, limits) answered, before the
   * same checks in JS; null when the statement ran without the read. For tests and diagnosis.
   */
  gateOpen: boolean | null;
  /** Set with `rows`: the id of the user they were read for. */
  readerId: string | null;
}

/**
 * The session check and the count of a JSON API request with a session cookie, in one round trip
 * (bench/README.md, "HTTP overhead": each round trip also waits for a core). The same two answers
 * as loadSessionActor followed by countApiRequest: the user when they exist, are enabled and
 * `sessionVersion` is still theirs (else null), and the request counted against the user's bucket
 * (only when that user was found so) and the client address's. Limits off: null for the count. One
 * statement, so it reads the user row as of the same snapshot that counts: a user disabled or
 * signed out before it ran is refused, exactly as with the two statements. With `read`, its rows
 * come in the same statement (SessionRead), in `read.rows`.
 */
export async function sessionUserAndCount(
  session: { userId: string; sessionVersion: number },
  ip: string | null,
  now = Date.now(),
  read?: SessionRead,
): Promise<{ user: SessionUser | null; rate: RateLimitDecision | null }> {
  // The pool of short statements pipelines (lib/database.ts getQuickDb): a read planned for its
  // values (a filtered queue page, `named` false) can take longer and would hold up the session
  // checks queued behind it, and, sent unnamed, costs a describe first, which stops postgres.js
  // pipelining on that connection until it drains. Those go to the main pool.
  const db = read && !read.named ? await getDb() : await getQuickDb();
  const all = RATE_LIMITS ? apiBuckets(RATE_LIMITS, { userId: session.userId, ip }) : [];
  const windowStart = RATE_LIMITS ? windowStartOf(now, RATE_LIMITS.windowSeconds) : null;
  // The numbers this instance holds (count-leases.ts) are taken now; the user's is given back when
  // the statement finds that the session does not hold (it must not spend its user's allowance),
  // and a reservation for the user counts only when it holds.
  const numbers = new Map<string, BucketCount>();
  const reserve = windowStart ? planCount(all, windowStart.getTime(), RATE_LIMITS!.windowSeconds * 1000, now, numbers) : [];
  const values: Record<string, unknown> = {};
  values.userId = session.userId;
  values.sessionVersion = session.sessionVersion;
  if (windowStart) values.windowStart = windowStart.toISOString();
  reserve.forEach(({ bucket, size }, i) => {
    values[`key${i}`] = bucket.key;
    values[`isUser${i}`] = bucket.kind === "user";
    values[`limit${i}`] = bucket.limit;
    values[`size${i}`] = size;
  });
  let result: unknown;
  let withRead = read;
  try {
    try {
      result = await sessionStatement(db, reserve.length, read).execute(
        read ? { ...read.values(session.userId), ...values } : values,
      );
    } catch (err) {
      // The read rides along; its failure must not take the check and the count with it. One
      // statement fails whole: a value PostgreSQL refuses in the read (or its timeout) would roll
      // the count back (an uncounted request) and turn a 401/403 into a 500. Again without the
      // read, exactly as a request without one: the use case then authorizes and reads for itself,
      // and meets its own error after the count. A statement timeout is the read's own (an
      // expensive page); a database that is down, or a pool with no connection to give, is the
      // same for both. The numbers taken and the reservations planned stand for the retry.
      const failure = databaseFailure(err);
      if (!read || (failure && (failure.kind === "unreachable" || failure.code === "POOL_TIMEOUT"))) throw err;
      withRead = undefined;
      result = await sessionStatement(db, reserve.length, undefined).execute(values);
    }
  } finally {
    settled(reserve);
  }
  let found: SessionUser | undefined;
  const counts: BucketCount[] = [];
  const readRows: unknown[] = [];
  let gateOpen = false;
  if (withRead) {
    // The read's rows, then one row whose `meta` holds the check's answers (buildSessionStatement).
    for (const r of rowsOf<{ meta: SessionMeta | string | null }>(result)) {
      if (r.meta === null) {
        readRows.push(r);
        continue;
      }
      // postgres.js parses JSON; a driver that leaves it text gets it parsed here.
      const [u, c, g] = typeof r.meta === "string" ? (JSON.parse(r.meta) as SessionMeta) : r.meta;
      gateOpen = g === true;
      if (u) found = { id: u[0], email: u[1], name: u[2], role: u[3] };
      for (const [key, hits, ws] of c ?? []) counts.push({ key, hits, windowStart: new Date(ws) });
    }
  } else {
    for (const r of rowsOf<CheckRow>(result)) {
      if (r.kind === "user") found = { id: r.key, email: r.email!, name: r.name!, role: r.role! };
      else counts.push({ key: r.key, hits: Number(r.hits), windowStart: new Date(Number(r.ws)) });
    }
  }
  const user = found ?? null;
  let rate: RateLimitDecision | null = null;
  if (RATE_LIMITS && windowStart) {
    settleCount(reserve, counts, now, numbers);
    const userBucket = all.find((b) => b.kind === "user");
    const held = userBucket && numbers.get(userBucket.key);
    if (!user && held) {
      leases.giveBack(held.key, windowStart.getTime(), held.hits);
      numbers.delete(held.key);
    }
    const buckets = user ? all : all.filter((b) => b.kind !== "user");
    schedulePurge(windowStart);
    rate = buckets.length === 0 ? null : decide(buckets, [...numbers.values()], now, RATE_LIMITS.windowSeconds);
  }
  // The statement's gate, checked again on its answers: rows only for a reader within the limits.
  // Both must agree: when the gate was shut but the request is allowed (a counter purged between
  // the gate's snapshot and the count), there are no rows to trust and the use case reads itself.
  if (read) {
    read.gateOpen = withRead ? gateOpen : null;
    const granted =
      withRead !== undefined && gateOpen && user !== null && read.roles.includes(user.role) && (!rate || rate.allowed);
    read.rows = granted ? readRows : null;
    read.readerId = granted ? user.id : null;
  }
  return { user, rate };
}

/** A row of the check without a read: the user (`kind` user), or one bucket's count. */
interface CheckRow {
  kind: "user" | "count";
  key: string;
  email: string | null;
  name: string | null;
  role: string | null;
  hits: number | null;
  ws: number | null;
}

/**
 * The check's answers beside a read: [id, email, name, role] or null, [bucket, hits, window start
 * ms]s, and whether the read's gate was open.
 */
type SessionMeta = [[string, string, string, string] | null, [string, number, number][] | null, boolean];

const sessionStatements = statementCache<string>();

const VALID_SESSION = sql`select id::text, email, name, role from users
    where id = ${sql.placeholder("userId")}::uuid and not disabled and session_version = ${sql.placeholder("sessionVersion")}`;

/**
 * sessionUserAndCount's statement for `buckets` buckets (0: the session check alone, limits off)
 * and `read`, built once per database handle, bucket count and read (prepareStatement: not
 * rendered again per request), sent as a named prepared statement unless the read is unnamed.
 * Buckets in apiBuckets's order (the lock order of every counting statement); the user's only when
 * the session holds.
 */
function sessionStatement(db: Db, buckets: number, read: SessionRead | undefined): PreparedStatement {
  return sessionStatements(db, `${buckets}:${read?.key ?? ""}`, () => buildSessionStatement(db, buckets, read));
}

function buildSessionStatement(db: Db, buckets: number, read: SessionRead | undefined): PreparedStatement {
  const name = read
    ? read.named
      ? `session_and_${read.key}`
      : undefined
    : buckets === 0
      ? "session_user"
      : "session_user_and_count";
  const ctes: SQL[] = [sql`u as (${VALID_SESSION})`];
  if (buckets > 0) {
    const values = sql.join(
      Array.from(
        { length: buckets },
        (_, i) =>
          sql`(${sql.placeholder(`key${i}`)}::text, ${sql.placeholder(`isUser${i}`)}::boolean, ${sql.raw(String(i))}::int, ${sql.placeholder(`limit${i}`)}::int, ${sql.placeholder(`size${i}`)}::int)`,
      ),
      sql`, `,
    );
    ctes.push(sql`b (bucket, is_user, ord, lim, size) as (values ${values})`);
    ctes.push(sql`c as (
        insert into rate_limit_counters (bucket, window_start, hits)
        select bucket, ${sql.placeholder("windowStart")}::timestamptz, size from b
        where not is_user or exists (select 1 from u)
        order by ord
        on conflict (bucket) do update set hits = ${ADD_TO_COUNTER.hits}, window_start = ${ADD_TO_COUNTER.windowStart}
        returning bucket, hits, window_start
      )`);
  }
  if (!read) {
    const check = sql`select 'user' as kind, id as key, email, name, role, null::int as hits, null::float8 as ws from u`;
    const counted = sql` union all
      select 'count', bucket, null, null, null, hits, extract(epoch from window_start)::float8 * 1000 from c`;
    return prepareStatement(db, name, sql`with ${sql.join(ctes, sql`, `)} ${check}${buckets > 0 ? counted : sql``}`);
  }
  // The read first, then one row whose `meta` (JSON: few columns to pad, one value to parse)
  // holds the user and the counts; the read's rows have `meta` null and the meta row pads the
  // read's columns with nulls. A statement with a data-modifying WITH never runs in parallel, so
  // the branches run and come out in this order, and the count (`c`, which only the last branch
  // reads) runs after the read: the counters' row locks, which serialise a user's concurrent
  // requests, are held from the count to the commit, not while the read runs too. So the read
  // cannot wait for the count: it is skipped when a bucket counted here was at its limit already
  // as this statement's snapshot holds it (its count would go over), and sessionUserAndCount drops
  // its rows when the exact decision (decide) refuses the request, by these counts or by numbers
  // this instance held (CountLeases).
  if (!read.roles.every((r) => /^[a-z_]+$/.test(r))) throw new Error(`session read ${read.key}: unexpected role name`);
  const roles = sql.raw(read.roles.map((r) => `'${r}'`).join(", "));
  const reader = sql`exists (select 1 from u where role in (${roles}))`;
  const gate =
    buckets > 0
      ? sql`${reader} and not exists (select 1 from rate_limit_counters r join b using (bucket)
          where r.window_start >= ${sql.placeholder("windowStart")}::timestamptz and r.hits >= b.lim)`
      : reader;
  const counted =
    buckets > 0
      ? sql`(select json_agg(json_build_array(bucket, hits, extract(epoch from window_start)::float8 * 1000)) from c)`
      : sql`null::json`;
  const parts = [
    sql`(${read.select(sql`null::json as meta`, gate)})`,
    sql`select json_build_array((select json_build_array(id, email, name, role) from u), ${counted}, ${gate})${sql.raw(", null".repeat(read.columns))}`,
  ];
  return prepareStatement(db, name, sql`with ${sql.join(ctes, sql`, `)} ${sql.join(parts, sql` union all `)}`);
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
