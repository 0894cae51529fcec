import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { env } from "../lib/env";
import { databaseFailure } from "../lib/errors";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both drivers: the rest of the code never knows which one it talks to. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DriverName = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  driver: DriverName;
  /** The server URL (postgres driver only). */
  url?: string;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already in use by process ${pid}. ` +
        `PGlite allows one process at a time (a second one would silently lose writes). ` +
        `Stop the other process, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes `<dir>.lock` holding our pid; a stale lock (dead pid) is taken over. */
function acquirePgliteLock(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseLockedError(dir, pid);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

export async function openPglite(dir: string, options: { loadDataDir?: Blob | File } = {}): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquirePgliteLock(path.resolve(dir));
  try {
    if (!inMemory) fs.mkdirSync(path.resolve(dir), { recursive: true });
    const client = await PGlite.create(inMemory ? undefined : path.resolve(dir), {
      loadDataDir: options.loadDataDir,
    });
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Bounds on every wait a request can meet in the database, so that it gets a 503 within seconds
 * instead of hanging (SECURITY.md, Reliability). The app's own pool uses them (getDatabase);
 * scripts, tests and benchmarks that call openPostgres directly run without them.
 */
export interface PostgresLimits {
  /** Longest wait for a free pool connection; then the query fails with code POOL_TIMEOUT. */
  queueTimeoutMs: number;
  /** Server side: a statement running longer is cancelled (57014). */
  statementTimeoutMs: number;
  /** Server side: a lock not granted within this time fails the statement (55P03). */
  lockTimeoutMs: number;
  /** Server side: a transaction left idle this long is ended with its connection (25P03). */
  idleInTransactionTimeoutMs: number;
}

export const APP_DATABASE_LIMITS: PostgresLimits = {
  queueTimeoutMs: 2_000,
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 3_000,
  idleInTransactionTimeoutMs: 10_000,
};

export class PoolTimeoutError extends Error {
  readonly code = "POOL_TIMEOUT";
  constructor(waitedMs: number, max: number) {
    super(`No free database connection within ${waitedMs} ms (pool of ${max}).`);
    this.name = "PoolTimeoutError";
  }
}

/**
 * A counting semaphore in front of the pool: one permit per connection, taken by each query outside
 * a transaction and by each transaction as a whole. postgres.js queues a query without any time
 * limit when every connection is busy; here the wait for a permit is bounded instead, and a query
 * that gave up was never sent, so nothing of it reached the database.
 */
function createGate(max: number, timeoutMs: number) {
  let free = max;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = waiting.shift();
      if (next) next();
      else free++;
    };
  };
  const acquire = (): Promise<() => void> => {
    if (free > 0) {
      free--;
      return Promise.resolve(releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(releaser());
      };
      const timer = setTimeout(() => {
        const i = waiting.indexOf(grant);
        if (i >= 0) waiting.splice(i, 1);
        reject(new PoolTimeoutError(timeoutMs, max));
      }, timeoutMs);
      waiting.push(grant);
    });
  };
  return async <T>(fn: () => PromiseLike<T> | T): Promise<T> => {
    const release = await acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
}

// Database failures met while serving one request, including those a library swallows: Auth.js
// catches errors of its jwt callback (which re-checks the session in the database) and answers
// "no session", so lib/http/api.ts asks here whether a 401 was really the database's fault.
const failureScope = new AsyncLocalStorage<{ failure?: unknown }>();

/** Runs `fn` with a record of the database failures (lib/errors.ts databaseFailure) it meets. */
export function trackDatabaseFailures<T>(fn: () => Promise<T>): Promise<T> {
  return failureScope.run({}, fn);
}

/**
 * The first database failure met inside the current trackDatabaseFailures call, undefined if none,
 * or null outside of one (nothing is known).
 */
export function databaseFailureSeen(): unknown {
  const store = failureScope.getStore();
  return store ? store.failure : null;
}

function noteFailure(err: unknown): void {
  const store = failureScope.getStore();
  if (store && store.failure === undefined && databaseFailure(err)) store.failure = err;
}

/**
 * The client the app's drizzle instance talks to: a gate (createGate) in front of a postgres.js
 * pool that is replaced by a fresh one when one of its connections dies under a query.
 *
 * Why replace it: postgres.js 3.4.9 keeps state of the dead connection. The query that was running
 * stays its "current query" and its error is replayed onto the next query (cf. porsager/postgres
 * #1223); and when a transaction's connection dies, the ROLLBACK postgres.js then writes goes to a
 * null socket (an uncaught TypeError, cf. #1154/#1208) and stays in the write buffer, in front of
 * the next startup message: every later connect on that pool slot hangs until connect_timeout.
 * The old pool is ended with a grace period so that queries still running on it can finish.
 *
 * What drizzle's driver uses of a client (drizzle-orm/postgres-js/session.js): `options`,
 * `unsafe(query, params, opts)` (awaited, or `.values()` awaited) and `begin(fn)`. Queries inside
 * a transaction go to the transaction's own client and need no permit; the BEGIN that postgres.js
 * sends itself goes to the real client, so it is not counted twice.
 */
function resilientClient(open: () => Sql, max: number, limits: PostgresLimits) {
  const gate = createGate(max, limits.queueTimeoutMs);
  const graceSeconds = Math.ceil(Math.max(limits.statementTimeoutMs, limits.idleInTransactionTimeoutMs) / 1000) + 2;
  const ending = new Set<Promise<void>>();
  let current = open();
  const retire = (client: Sql) => {
    if (client !== current) return; // already replaced
    current = open();
    const done: Promise<void> = client
      .end({ timeout: graceSeconds })
      .catch(() => {})
      .finally(() => ending.delete(done));
    ending.add(done);
  };
  /** Runs `fn` on the current pool under a permit; a dead connection retires that pool. */
  const run = <T>(fn: (client: Sql) => PromiseLike<T>): Promise<T> =>
    gate(() => {
      const client = current;
      return Promise.resolve()
        .then(() => fn(client))
        .catch((err: unknown) => {
          if (databaseFailure(err)?.connectionLost) retire(client);
          throw err;
        });
    }).catch((err: unknown) => {
      noteFailure(err);
      throw err;
    });
  const facade = {
    options: { parsers: {}, serializers: {} }, // drizzle sets its type handling here; see openPostgres
    unsafe(query: string, params?: unknown[], opts?: object) {
      let values = false;
      let running: Promise<unknown> | undefined;
      const start = () =>
        (running ??= run((client) => {
          const q = client.unsafe(query, params as never[], opts);
          return values ? q.values() : q;
        }));
      return {
        values() {
          values = true;
          return start();
        },
        then(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
          return start().then(onFulfilled, onRejected);
        },
      };
    },
    begin(...args: unknown[]) {
      return run((client) => (client.begin as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  };
  return {
    client: facade as unknown as Sql,
    async close() {
      await Promise.all([current.end({ timeout: 5 }), ...ending]);
    },
  };
}

/** Reconnection delay (s) after failed attempts: short and capped, see openPostgres. */
export function reconnectBackoff(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 0.5);
}

export async function openPostgres(url: string, max = env.DATABASE_POOL_MAX, limits?: PostgresLimits): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const open = () => {
    const client = postgres(url, {
      max,
      // Fail fast when the server is down instead of letting requests hang.
      connect_timeout: 5,
      idle_timeout: 30,
      // postgres.js waits before reconnecting after failed attempts, by default up to 20 s once a
      // few attempts failed, and a query that needs a new connection waits that long too: while
      // the server restarts every request would hang, and the app would come back up to 20 s
      // after the server does. Attempts are made for queries only: a short cap does not hammer it.
      backoff: reconnectBackoff,
      onnotice: () => {},
      ...(limits
        ? {
            connection: {
              statement_timeout: limits.statementTimeoutMs,
              lock_timeout: limits.lockTimeoutMs,
              idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
            },
          }
        : {}),
    });
    // drizzle adjusts the client's type parsers (dates stay strings…) when it is constructed.
    drizzle({ client });
    return client;
  };
  if (!limits) {
    const client = open();
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    return { db, driver: "postgres", url, close: () => client.end({ timeout: 5 }) };
  }
  const resilient = resilientClient(open, max, limits);
  const db = drizzle({ client: resilient.client, schema, casing: "snake_case" }) as unknown as Db;
  return { db, driver: "postgres", url, close: () => resilient.close() };
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!handle.url) throw new Error("postgres handle without url");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { default: postgres } = await import("postgres");
  // Several app instances may start at once: one migrates while the others wait on the lock.
  // A single dedicated connection, because session-level advisory locks belong to a connection.
  const client = postgres(handle.url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727274)`;
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(727274)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

// The handle lives on globalThis: Next.js may evaluate this module in several bundles of one
// process, and each must share the same PGlite instance (and its lock).
const GLOBAL_KEY = Symbol.for("fact-check-desk.database");
type GlobalSlot = { [GLOBAL_KEY]?: Promise<DatabaseHandle> };
const slot = globalThis as GlobalSlot;

/** Opens (once, lazily) and migrates the configured database. */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!slot[GLOBAL_KEY]) {
    const opening = (async () => {
      const handle = env.DATABASE_URL
        ? await openPostgres(env.DATABASE_URL, env.DATABASE_POOL_MAX, APP_DATABASE_LIMITS)
        : await openPglite(env.PGLITE_DIR);
      try {
        await migrateDatabase(handle);
      } catch (err) {
        await handle.close().catch(() => {});
        throw err;
      }
      return handle;
    })();
    slot[GLOBAL_KEY] = opening;
    // A failed open (server down, folder locked) is retried on the next request.
    opening.catch(() => {
      if (slot[GLOBAL_KEY] === opening) delete slot[GLOBAL_KEY];
    });
  }
  return slot[GLOBAL_KEY];
}

export async function getDb(): Promise<Db> {
  try {
    return (await getDatabase()).db;
  } catch (err) {
    noteFailure(err); // e.g. the server is down while the app opens and migrates it
    throw err;
  }
}

/** One round trip to the configured database: resolves when it answers, rejects with the cause. */
export async function pingDatabase(): Promise<void> {
  await (await getDatabase()).db.execute(sql`select 1`);
}

/** Tests and scripts install an already-open handle (e.g. a cloned PGlite). */
export function setDatabase(handle: DatabaseHandle | undefined): void {
  if (handle) slot[GLOBAL_KEY] = Promise.resolve(handle);
  else delete slot[GLOBAL_KEY];
}

export async function closeDatabase(): Promise<void> {
  const pending = slot[GLOBAL_KEY];
  delete slot[GLOBAL_KEY];
  if (pending) await (await pending).close();
}
