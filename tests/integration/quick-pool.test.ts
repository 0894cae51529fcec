// The pool of short statements (db/postgres.ts openPostgres `quick`, lib/database.ts getQuickDb):
// the session check and its count, and the health probe, on a few connections of their own,
// pipelined. On PGlite there is one connection and getQuickDb is the database itself.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, type PostgresLimits, openPostgres, PoolTimeoutError, QUICK_PIPELINE_DEPTH } from "../../db/client";
import { getQuickDb, rowsOf, setDatabase } from "../../lib/database";
import { checkHealth } from "../../lib/health";
import { sessionUserAndCount } from "../../lib/security/rate-limits";
import { testDriver, useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
const onPostgres = testDriver() === "postgres";

async function sessionOf(userId: string) {
  const r = await db.handle().db.execute(sql`select session_version as sv from users where id = ${userId}`);
  return { userId, sessionVersion: Number(rowsOf<{ sv: number }>(r)[0]!.sv) };
}

describe.runIf(!onPostgres)("PGlite: one connection", () => {
  it("sends short statements to the database itself", async () => {
    expect(await getQuickDb()).toBe(db.handle().db);
    const { editor } = await createActors("quick-pglite");
    expect((await sessionUserAndCount(await sessionOf(editor.id), "192.0.2.1")).user?.id).toBe(editor.id);
  });
});

describe.runIf(onPostgres)("PostgreSQL: short statements on a pool of their own", () => {
  // As the app opens it (APP_DATABASE_LIMITS), with short waits: one connection for everything
  // else, two for the short statements.
  const limits: PostgresLimits = {
    queueTimeoutMs: 300,
    statementTimeoutMs: 5_000,
    lockTimeoutMs: 300,
    idleInTransactionTimeoutMs: 5_000,
  };
  let pool: DatabaseHandle;
  let other: postgres.Sql;
  beforeAll(async () => {
    pool = await openPostgres(db.handle().url!, 1, limits, 2);
    other = postgres(db.handle().url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    setDatabase(db.handle());
    await pool.close();
    await other.end({ timeout: 5 });
  });

  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as { cause?: unknown };
    }
    throw new Error("the statement did not fail");
  };

  const pidsOf = async (target: DatabaseHandle["db"], n: number, sleepSeconds: number) => {
    const answers = await Promise.all(
      Array.from({ length: n }, () => target.execute(sql`select pg_backend_pid() as pid, pg_sleep(${sleepSeconds})`)),
    );
    return new Set(answers.map((a) => rowsOf<{ pid: number }>(a)[0]!.pid));
  };

  it("answers the session check and the health probe while every connection of the main pool is busy", async () => {
    const { reviewer } = await createActors("quick-busy");
    const session = await sessionOf(reviewer.id);
    setDatabase(pool);
    expect(await getQuickDb()).toBe(pool.quick);
    let mainPid = 0;
    const busy = pool.db.transaction(async (tx) => {
      mainPid = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
      await tx.execute(sql`select pg_sleep(1)`);
    });
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    const [check, health] = await Promise.all([sessionUserAndCount(session, "192.0.2.2"), checkHealth("postgres")]);
    expect(check.user?.id).toBe(reviewer.id);
    expect(check.rate?.allowed).toBe(true);
    expect(health.status).toBe("ok");
    expect(performance.now() - started).toBeLessThan(800); // not after the main pool's 1 s
    await busy;
    const quickPids = await pidsOf(pool.quick!, 4, 0);
    expect(quickPids.has(mainPid)).toBe(false);
  });

  it("keeps connections × depth statements in flight on two connections, where one per connection would wait", async () => {
    // A slow statement at the head of each connection, and 30 quick ones behind them: pipelined,
    // all 32 are sent at once and answered in ~0.5 s. With one statement per connection, the 30
    // would wait for a place longer than queueTimeoutMs (300 ms) and fail.
    // (drizzle sends a query when it is awaited: Promise.resolve starts each, in this order.)
    const slow = [0, 1].map(() => Promise.resolve(pool.quick!.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.5)`)));
    const quick = Array.from({ length: 2 * QUICK_PIPELINE_DEPTH - 2 }, () => Promise.resolve(pool.quick!.execute(sql`select 1`)));
    // One more than the depth allows waits for a place, bounded as on the main pool.
    const over = await failure(pool.quick!.execute(sql`select 1`));
    expect(over.cause).toBeInstanceOf(PoolTimeoutError);
    expect(await Promise.all(quick)).toHaveLength(2 * QUICK_PIPELINE_DEPTH - 2);
    const pids = new Set((await Promise.all(slow)).map((a) => rowsOf<{ pid: number }>(a)[0]!.pid));
    expect(pids.size).toBe(2);
  });

  it("takes no transaction: other requests' statements are queued on its connections", async () => {
    await expect(pool.quick!.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow(
      /no transaction on the pool of short statements/,
    );
  });

  it("comes back by itself after its connections are terminated", async () => {
    const pids = [...(await pidsOf(pool.quick!, 4, 0))];
    await other`select pg_terminate_backend(pid) from pg_stat_activity where pid = any(${pids})`;
    // The statement that meets the dead connection may fail (a 503 to its request); the pool is then
    // replaced, and the next ones answer.
    await pool.quick!.execute(sql`select 1`).catch(() => {});
    const again = await pidsOf(pool.quick!, 4, 0);
    expect([...again].some((p) => pids.includes(p))).toBe(false);
  });
});
