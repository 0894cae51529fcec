// Database failures become a quick 503 "unavailable" (docs/security.md, Reliability): a server that
// is down, restarting or terminating connections, a full pool, a lock or statement that waits too
// long. The PostgreSQL-only cases run when DATABASE_URL is set; tests/reliability/run.mjs covers
// a real server restart under load against the built app.
import net from "node:net";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  APP_DATABASE_LIMITS,
  type DatabaseHandle,
  type PostgresLimits,
  PoolTimeoutError,
  databaseFailureSeen,
  openPostgres,
  reconnectBackoff,
  trackDatabaseFailures,
} from "../../db/client";
import { setDatabase } from "../../lib/database";
import {
  AppError,
  DATABASE_BUSY_MESSAGE,
  DATABASE_UNREACHABLE_MESSAGE,
  databaseUnavailable,
  describeError,
} from "../../lib/errors";
import { runAction } from "../../lib/http/action";
import { toErrorResponse, unavailableInstead } from "../../lib/http/api";
import { testDriver, useTestDatabase } from "../support/db";

const db = useTestDatabase();
const onPostgres = testDriver() === "postgres";

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function failure(p: PromiseLike<unknown>): Promise<{ err: unknown; ms: number }> {
  const t0 = performance.now();
  const err = await Promise.resolve(p).then(
    () => {
      throw new Error("expected the database call to fail");
    },
    (e: unknown) => e,
  );
  return { err, ms: performance.now() - t0 };
}

function expectUnavailable(err: unknown, message = DATABASE_UNREACHABLE_MESSAGE): AppError {
  const mapped = databaseUnavailable(err);
  expect(mapped, `not mapped: ${describeError(err)}`).toBeInstanceOf(AppError);
  expect(mapped!.code).toBe("unavailable");
  expect(mapped!.status).toBe(503);
  expect(mapped!.message).toBe(message);
  return mapped!;
}

const pgError = (code: string) => Object.assign(new Error(`server said ${code}`), { name: "PostgresError", code });
const drizzleWrapped = (cause: unknown) =>
  Object.assign(new Error("Failed query: insert into claims … params: secret"), { name: "DrizzleQueryError", cause });

describe("error mapping", () => {
  it("maps connection failures, shutdowns and bounded waits to 503, anything else to nothing", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "CONNECT_TIMEOUT",
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
    ]) {
      expectUnavailable(Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code }));
    }
    for (const state of ["57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "53300"]) {
      expectUnavailable(drizzleWrapped(pgError(state)));
    }
    for (const state of ["57014", "55P03", "25P03"]) expectUnavailable(drizzleWrapped(pgError(state)), DATABASE_BUSY_MESSAGE);
    expectUnavailable(new PoolTimeoutError(2000, 3), DATABASE_BUSY_MESSAGE);
    // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
    expectUnavailable(new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" })]));
    for (const other of [
      pgError("23505"),
      drizzleWrapped(pgError("23503")),
      new Error("boom"),
      new TypeError("x"),
      null,
      "text",
    ]) {
      expect(databaseUnavailable(other)).toBeUndefined();
    }
    expect(databaseUnavailable(new AppError("conflict", "stale"))).toBeUndefined();
  });

  it("answers the JSON error shape with Retry-After, never SQL or a stack", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = toErrorResponse(drizzleWrapped(pgError("57P01")));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "unavailable", message: DATABASE_UNREACHABLE_MESSAGE } });
    expect(text).not.toMatch(/insert|secret|stack|57P01/);
    const other = toErrorResponse(new Error("boom"));
    expect(other.status).toBe(500);
    expect(other.headers.get("retry-after")).toBeNull();
    vi.restoreAllMocks();
  });

  it("server actions answer code unavailable instead of internal", async () => {
    const result = await runAction(async () => {
      throw drizzleWrapped(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }));
    });
    expect(result).toEqual({ ok: false, code: "unavailable", error: DATABASE_UNREACHABLE_MESSAGE });
  });
});

describe("a server that is not there", () => {
  let down: DatabaseHandle;
  beforeAll(async () => {
    down = await openPostgres(`postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`, 2, APP_DATABASE_LIMITS);
  });
  afterAll(async () => {
    await down.close();
  });

  it("fails each query and transaction fast, again and again (no growing reconnect delay)", async () => {
    expect(reconnectBackoff(20)).toBeLessThanOrEqual(0.5);
    for (let i = 0; i < 5; i++) {
      const q = await failure(down.db.execute(sql`select 1`));
      expectUnavailable(q.err);
      expect(q.ms).toBeLessThan(2_000);
      const t = await failure(down.db.transaction(async (tx) => tx.execute(sql`select 1`)));
      expectUnavailable(t.err);
      expect(t.ms).toBeLessThan(2_000);
    }
  });

  it("turns a 401 of a signed-in request into a 503 when the session check met a database failure", async () => {
    const unauthorized = new AppError("unauthorized", "Please sign in.");
    // Inside a request (apiRoute): what the request met decides, whatever the database does now.
    await trackDatabaseFailures(async () => {
      expect(databaseFailureSeen()).toBeUndefined();
      expect(await unavailableInstead(unauthorized, true, "test")).toBeUndefined();
      // What Auth.js does with an error of its jwt callback: swallow it.
      await down.db.execute(sql`select 1`).catch(() => {});
      expect(databaseFailureSeen()).toBeDefined();
      expect((await unavailableInstead(unauthorized, true, "test"))?.code).toBe("unavailable");
      // No session cookie: nothing to check, the 401 stands.
      expect(await unavailableInstead(unauthorized, false, "test")).toBeUndefined();
    });
    // Each request has its own record.
    await trackDatabaseFailures(async () => expect(databaseFailureSeen()).toBeUndefined());
    expect(databaseFailureSeen()).toBeNull();
    // Nothing tracked (server actions): the database is asked. Up: the 401 stands.
    expect(await unavailableInstead(unauthorized, true, "test")).toBeUndefined();
    setDatabase(down);
    try {
      expect((await unavailableInstead(unauthorized, true, "test"))?.code).toBe("unavailable");
    } finally {
      setDatabase(db.handle());
    }
  });
});

describe.runIf(onPostgres)("PostgreSQL: bounded waits and recovery", () => {
  const limits: PostgresLimits = {
    queueTimeoutMs: 300,
    statementTimeoutMs: 2_000,
    lockTimeoutMs: 300,
    idleInTransactionTimeoutMs: 5_000,
  };
  let pool: DatabaseHandle;
  let other: postgres.Sql;
  beforeAll(async () => {
    pool = await openPostgres(db.handle().url!, 1, limits);
    other = postgres(db.handle().url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await pool.close();
    await other.end({ timeout: 5 });
  });

  it("gives up waiting for a free connection after queueTimeoutMs, without sending the query", async () => {
    const busy = pool.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_sleep(1)`);
      return "done";
    });
    await new Promise((r) => setTimeout(r, 50));
    const waited = await failure(pool.db.execute(sql`select 1`));
    expect((waited.err as { cause?: unknown }).cause).toBeInstanceOf(PoolTimeoutError);
    expectUnavailable(waited.err, DATABASE_BUSY_MESSAGE);
    expect(waited.ms).toBeGreaterThanOrEqual(250);
    expect(waited.ms).toBeLessThan(1_500); // (the PoolTimeoutError above is what proves it gave up)
    expect(await busy).toBe("done");
    // Short queries queue behind each other on the one connection and all get through.
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.db.execute(sql`select ${i}::int as n`)));
    expect(many).toHaveLength(20);
  });

  it("ends a lock wait after lockTimeoutMs and a long statement after statementTimeoutMs", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = other.begin(async (tx) => {
      await tx`lock table claims in access exclusive mode`;
      locked();
      await held;
    });
    await isLocked;
    try {
      const lock = await failure(pool.db.execute(sql`select count(*) from claims`));
      expectUnavailable(lock.err, DATABASE_BUSY_MESSAGE);
      expect(lock.ms).toBeLessThan(1_500);
    } finally {
      release();
      await holder;
    }
    const slow = await failure(pool.db.execute(sql`select pg_sleep(5)`));
    expectUnavailable(slow.err, DATABASE_BUSY_MESSAGE);
    expect(slow.ms).toBeLessThan(3_500);
    await pool.db.execute(sql`select count(*) from claims`);
  });

  it("maps a terminated connection (57P01) to 503, then reconnects by itself", async () => {
    const running = failure(pool.db.execute(sql`select pg_sleep(1.5), 'terminate-me'`));
    await new Promise((r) => setTimeout(r, 300));
    const killed = await other`
      select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query like '%terminate-me%'`;
    expect(killed.length).toBe(1);
    const { err, ms } = await running;
    expectUnavailable(err);
    expect(ms).toBeLessThan(1_400);
    // postgres.js 3.4.9 alone would replay the dead backend's error onto the next query of that
    // connection (cf. porsager/postgres#1223); the pool was replaced, so the next query just works.
    const rows = (await pool.db.execute(sql`select 42 as answer`)) as unknown as { answer: number }[];
    expect(rows[0]!.answer).toBe(42);
    // The new pool got drizzle's type handling too (timestamps reach drizzle as text).
    const [t] = (await pool.db.execute(sql`select '2024-01-02 03:04:05+00'::timestamptz as t`)) as unknown as { t: unknown }[];
    expect(typeof t!.t).toBe("string");
  });

  it("recovers at once when a transaction's connection is terminated (no connect_timeout hangs after)", async () => {
    // postgres.js 3.4.9 then writes a ROLLBACK to the dead socket from a setImmediate: an uncaught
    // TypeError "Cannot read properties of null (reading 'write')" (porsager/postgres#1154, #1208).
    // Next.js logs uncaught exceptions and carries on; here that one known error is set aside so
    // that vitest does not count it, and every other one still reaches vitest.
    const known = (e: unknown) => e instanceof TypeError && /reading 'write'/.test(e.message) && /nextWrite/.test(e.stack ?? "");
    const vitestListeners = process.listeners("uncaughtException");
    const seen: unknown[] = [];
    process.removeAllListeners("uncaughtException");
    process.on("uncaughtException", (e, origin) => {
      if (known(e)) seen.push(e);
      else for (const l of vitestListeners) l(e, origin);
    });
    try {
      await terminateTransactionAndRecover();
    } finally {
      await new Promise((r) => setTimeout(r, 50));
      process.removeAllListeners("uncaughtException");
      for (const l of vitestListeners) process.on("uncaughtException", l);
    }
    expect(seen.length).toBeLessThanOrEqual(1);
  });

  async function terminateTransactionAndRecover() {
    const running = failure(
      pool.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_sleep(1.5), 'terminate-my-transaction'`);
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    await other`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query like '%terminate-my-transaction%'`;
    expectUnavailable((await running).err);
    // postgres.js 3.4.9 alone leaves the ROLLBACK it tried to write on the dead socket in its write
    // buffer: every later connect of that pool slot would hang until connect_timeout (5 s).
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await pool.db.transaction(async (tx) => tx.execute(sql`select 1`));
      await pool.db.execute(sql`select 1`);
      expect(performance.now() - t0).toBeLessThan(1_000);
    }
  }
});
