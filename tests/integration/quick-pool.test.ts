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
    await pidsOf(pool.quick!, 4, 0); // connected
    let mainPid = 0;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const busy = pool.db.transaction(async (tx) => {
      mainPid = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
      holding();
      await tx.execute(sql`select pg_sleep(1)`);
    });
    await held;
    // On the main pool both would wait for its one connection and give up after 300 ms
    // (PoolTimeoutError): the check would throw, the probe answer "unavailable".
    const [check, health] = await Promise.all([sessionUserAndCount(session, "192.0.2.2"), checkHealth("postgres")]);
    expect(check.user?.id).toBe(reviewer.id);
    expect(check.rate?.allowed).toBe(true);
    expect(health.status).toBe("ok");
    await busy;
    const quickPids = await pidsOf(pool.quick!, 4, 0);
    expect(mainPid).toBeGreaterThan(0);
    expect(quickPids.has(mainPid)).toBe(false);
  });

  it("admits connections × depth statements at once, where one per connection would make them wait", async () => {
    // A slow statement at the head of each connection, and 30 quick ones behind them: all 32 are
    // admitted at once (postgres.js pipelines them) and answered in ~0.5 s. With one statement per
    // connection, the 30 would wait for a place longer than queueTimeoutMs (300 ms) and fail.
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
    for (const quick of [pool.quick!, db.handle().quick!]) {
      await expect(quick.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow(
        /no transaction on the pool of short statements/,
      );
    }
  });

  it("fails what was in flight on a terminated connection, then comes back by itself", async () => {
    const before = [...(await pidsOf(pool.quick!, 4, 0))];
    // Statements in flight on both connections: a slow one at the head of each, quick ones behind.
    const inFlight = [
      ...[0, 1].map(() => Promise.resolve(pool.quick!.execute(sql`select pg_sleep(2), 'terminate-quick'`))),
      ...Array.from({ length: 6 }, () => Promise.resolve(pool.quick!.execute(sql`select 1`))),
    ].map((p) =>
      p.then(
        () => "answered",
        () => "failed",
      ),
    );
    let killed: readonly unknown[] = [];
    for (let i = 0; i < 50 && killed.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      killed = await other`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like '%terminate-quick%' and pid <> pg_backend_pid()`;
    }
    expect(killed).toHaveLength(2);
    // Everything on the dead connections fails (its requests get 503); nothing hangs.
    expect(await Promise.all(inFlight)).toEqual(Array(8).fill("failed"));
    // The pool was replaced: the next statements answer, on new connections.
    const after = await pidsOf(pool.quick!, 4, 0);
    expect([...after].some((p) => before.includes(p))).toBe(false);
  });
});
