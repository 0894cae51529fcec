// A PostgreSQL server (DATABASE_URL): a postgres.js pool, with bounded waits for the app's own
// pool and the workarounds its failure modes need (see resilientClient).
import type { Sql } from "postgres";
import { databaseFailure } from "./failures";
import { noteFailure } from "./failure-tracking";
import { createGate } from "./pool-gate";
import * as schema from "./schema";
import type { DatabaseHandle, Db } from "./types";

export { PoolTimeoutError } from "./pool-gate";

/**
 * Bounds on every wait a request can meet in the database, so that it gets a 503 within seconds
 * instead of hanging (docs/security.md, Reliability). The app's own pool uses them (getDatabase);
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

/**
 * The client the app's drizzle instance talks to: a gate (createGate, `permits` queries or
 * transactions at once: one per connection, or more for the pipelined pool of short statements,
 * which takes no transaction) in front of a postgres.js pool that is replaced by a fresh one when
 * one of its connections dies under a query.
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
function resilientClient(open: () => Sql, permits: number, limits: PostgresLimits, transactions = true, connections = permits) {
  const gate = createGate(permits, limits.queueTimeoutMs, connections);
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
      // postgres.js sends a query without parameters by the simple protocol, parsed and planned
      // each time, even when drizzle asks to prepare it (`prepare: true`, a named statement:
      // lib/database.ts prepareStatement): then it is sent as one, extended protocol.
      const options = (opts as { prepare?: boolean } | undefined)?.prepare ? { ...opts, simple: false } : opts;
      const start = () =>
        (running ??= run((client) => {
          const q = client.unsafe(query, params as never[], options);
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
      // The pool of short statements pipelines: a transaction there would hold a connection that
      // other requests' statements are queued on.
      if (!transactions) return Promise.reject(new Error(NO_TRANSACTION));
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

/**
 * Statements in flight at once on each connection of the pool of short statements: postgres.js
 * sends a statement on a busy connection (pipelining, up to its `max_pipeline`) when every
 * connection is busy, so one write to the socket and one wake-up of the backend serve several
 * requests. The gate bounds the wait for a place (queueTimeoutMs); once placed, a statement waits
 * behind up to this many others on its connection, bounded only by their statement and lock
 * timeouts: hence only short statements of fixed text go there, sent as named prepared statements
 * (one with parameters sent unnamed is described first, and postgres.js then sends nothing more on
 * that connection until its pipeline drains).
 */
export const QUICK_PIPELINE_DEPTH = 16;

const NO_TRANSACTION = "no transaction on the pool of short statements";

/** `client` refusing transactions, as the app's pool of short statements does (resilientClient). */
function withoutTransactions(client: Sql): Sql {
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === "begin" ? () => Promise.reject(new Error(NO_TRANSACTION)) : Reflect.get(target, key, receiver),
  });
}

/** Reconnection delay (s) after failed attempts: short and capped, see openPostgres. */
export function reconnectBackoff(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 0.5);
}

/**
 * A pool of `max` connections (with `limits`: the app's, see resilientClient) and, with `quick` > 0
 * too, a second pool of `quick` connections for the short statements every request starts with
 * (DatabaseHandle.quick, lib/database.ts getQuickDb), pipelined QUICK_PIPELINE_DEPTH deep.
 *
 * Why a pool of its own: on the main pool, a query waits for a connection of its own (the gate, so
 * that no query waits behind an export or a transaction), and every request then costs a socket
 * write and a backend wake-up for its session check alone; ten backends also upsert the same
 * rate-limit counters at once. On two pipelined connections the same statements cost the app and
 * PostgreSQL about half the CPU (bench/README.md, "Short statements on a pool of their own").
 */
export async function openPostgres(url: string, max: number, limits?: PostgresLimits, quick = 0): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const open = (connections: number, pipeline?: number) => () => {
    const client = postgres(url, {
      max: connections,
      // The pool of short statements: at most QUICK_PIPELINE_DEPTH in flight on each connection
      // (postgres.js's default is 100), so that none can gather the whole pool's behind a slow one.
      ...(pipeline ? { max_pipeline: pipeline } : {}),
      // Fail fast when the server is down instead of letting requests hang.
      connect_timeout: 5,
      idle_timeout: 30,
      // postgres.js waits before reconnecting after failed attempts, by default up to 20 s once a
      // few attempts failed, and a query that needs a new connection waits that long too: while
      // the server restarts every request would hang, and the app would come back up to 20 s
      // after the server does. Attempts are made for queries only: a short cap does not hammer it.
      backoff: reconnectBackoff,
      onnotice: () => {},
      connection: {
        // plan_cache_mode stays `auto`: a named prepared statement (lib/database.ts
        // executePrepared/prepareStatement with a name: the session-and-count statement, the
        // unfiltered queue page, the health probe) gets a generic plan after five executions and
        // is no longer planned per request (the queue page's planning cost more than its execution,
        // bench/README.md, "HTTP overhead"). The queue's filtered shapes are sent unnamed instead
        // (lib/workflow/list-queue.ts), planned for each request's values: a filter that matches
        // nothing needs its own plan, not one that walks the whole in-review index (issue 13).
        ...(limits
          ? {
              statement_timeout: limits.statementTimeoutMs,
              lock_timeout: limits.lockTimeoutMs,
              idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
            }
          : {}),
      },
    });
    // drizzle adjusts the client's type parsers (dates stay strings…) when it is constructed.
    drizzle({ client });
    return client;
  };
  if (!limits) {
    // Scripts, tests and benchmarks: plain postgres.js pools, which pipeline by themselves.
    const client = open(max)();
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    if (quick <= 0) return { db, driver: "postgres", url, close: () => client.end({ timeout: 5 }) };
    const fast = open(quick, QUICK_PIPELINE_DEPTH)();
    return {
      db,
      quick: drizzle({ client: withoutTransactions(fast), schema, casing: "snake_case" }) as unknown as Db,
      driver: "postgres",
      url,
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), fast.end({ timeout: 5 })]);
      },
    };
  }
  const resilient = resilientClient(open(max), max, limits);
  const db = drizzle({ client: resilient.client, schema, casing: "snake_case" }) as unknown as Db;
  if (quick <= 0) return { db, driver: "postgres", url, close: () => resilient.close() };
  const fast = resilientClient(open(quick, QUICK_PIPELINE_DEPTH), quick * QUICK_PIPELINE_DEPTH, limits, false, quick);
  return {
    db,
    quick: drizzle({ client: fast.client, schema, casing: "snake_case" }) as unknown as Db,
    driver: "postgres",
    url,
    close: async () => {
      await Promise.all([resilient.close(), fast.close()]);
    },
  };
}
