import "server-only";
import PgBoss from "pg-boss";
import { getDatabase, type DatabaseHandle, type Tx } from "@/lib/database";
import { env } from "../env";
import { QUEUE_SETTINGS, type JobName } from "./job-names";

/**
 * The job queue: pg-boss on the app's own database. With DATABASE_URL it talks to the PostgreSQL
 * server through its own small `pg` pool, so every app instance shares one queue: a job is taken by
 * one instance (SKIP LOCKED), a scheduled job is sent once per period whatever the number of
 * instances (pg-boss's cron sender is a 60-second singleton), and queued work survives restarts.
 * On embedded PGlite it runs in-process on the same PGlite instance, through pg-boss's `db` adapter
 * (PGlite allows one process, so there is only ever one worker anyway).
 *
 * The queue lives on globalThis for the same reason as the database handle (db/client.ts): Next.js
 * may evaluate this module in several bundles of one process.
 */

export interface QueueMode {
  /** Run pg-boss's maintenance (expiry, archiving, retention). */
  supervise: boolean;
  /** Run the cron sender (scheduled jobs). */
  schedule: boolean;
}

interface QueueSlot {
  boss: PgBoss;
  handle: DatabaseHandle;
  mode: QueueMode;
}

const GLOBAL_KEY = Symbol.for("fact-check-desk.job-queue");
type GlobalSlot = { [GLOBAL_KEY]?: Promise<QueueSlot> };
const slot = globalThis as GlobalSlot;

interface PgliteClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
}

/** pg-boss's database adapter over PGlite: parameterised queries one by one, scripts whole. */
function pgliteAdapter(handle: DatabaseHandle) {
  const client = (handle.db as unknown as { $client: PgliteClient }).$client;
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return client.query(text, values);
      // pg-boss sends its migrations and locked sections as one multi-statement script.
      const results = await client.exec(text);
      return results.length === 1 ? results[0]! : (results as unknown as { rows: unknown[] });
    },
  };
}

async function openQueue(mode: QueueMode): Promise<QueueSlot> {
  const handle = await getDatabase();
  const common = {
    schema: "pgboss",
    supervise: mode.supervise,
    schedule: mode.schedule,
    migrate: true,
    cronMonitorIntervalSeconds: env.JOBS_CRON_MONITOR_SECONDS,
    // Failed jobs stay listed for admins (lib/jobs/list-jobs.ts) for two weeks.
    deleteAfterDays: 14,
  };
  const boss =
    handle.driver === "postgres"
      ? new PgBoss({ ...common, connectionString: handle.url!, max: env.JOBS_POOL_MAX, application_name: "fact-check-desk-jobs" })
      : new PgBoss({ ...common, db: pgliteAdapter(handle) });
  boss.on("error", (err) => console.error(`[jobs] ${err instanceof Error ? err.message : String(err)}`));
  await boss.start();
  for (const [name, settings] of Object.entries(QUEUE_SETTINGS)) {
    await boss.createQueue(name, { name, ...settings }); // a no-op when it exists…
    await boss.updateQueue(name, { name, ...settings }); // …so changed settings are applied here
  }
  return { boss, handle, mode };
}

/**
 * The started queue. The first caller's mode wins: the Next.js server starts it with maintenance
 * and schedules (lib/jobs/start-job-runner.ts); tests and scripts get a passive one.
 */
export async function getJobQueue(mode: QueueMode = { supervise: false, schedule: false }): Promise<PgBoss> {
  const handle = await getDatabase();
  const current = slot[GLOBAL_KEY];
  if (current) {
    const open = await current.catch(() => undefined);
    // Tests install a fresh database per file: a queue on another database is stale.
    if (open && open.handle === handle) return open.boss;
    if (open) await stopJobQueue();
  }
  if (!slot[GLOBAL_KEY]) {
    const opening = openQueue(mode);
    slot[GLOBAL_KEY] = opening;
    opening.catch(() => {
      if (slot[GLOBAL_KEY] === opening) delete slot[GLOBAL_KEY];
    });
  }
  return (await slot[GLOBAL_KEY]!).boss;
}

/** Stops the queue (workers finish their current job first, up to `timeoutMs`). */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  const pending = slot[GLOBAL_KEY];
  delete slot[GLOBAL_KEY];
  const open = await pending?.catch(() => undefined);
  // pg-boss only closes a pool it opened itself; the PGlite adapter's database stays open.
  if (open) await open.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
}

export interface EnqueueOptions {
  /** With a stately queue: at most one queued job per key (a second enqueue is a no-op). */
  singletonKey?: string;
  /** Seconds from now. */
  startAfter?: number;
}

/** Adds a job; returns its id, or null when an identical job is already waiting. */
export async function enqueueJob(name: JobName, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await getJobQueue();
  return boss.send(name, data, options);
}

/** Whether this process has the queue open on the current database (the app server does). */
export async function isJobQueueOpen(): Promise<boolean> {
  const current = slot[GLOBAL_KEY];
  if (!current) return false;
  const open = await current.catch(() => undefined);
  return !!open && open.handle === (await getDatabase());
}

interface NativeTxClient {
  /** postgres.js (a transaction's `sql`). */
  unsafe?: (text: string, values: unknown[]) => Promise<unknown[]>;
  /** PGlite (its Transaction). */
  query?: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss's `db` option over an open drizzle transaction: the job row is written by the
 * transaction's own connection, so it commits or rolls back with the change that caused it. Drizzle
 * keeps the driver's transaction client on the session (both drivers name it `client`).
 */
function transactionExecutor(tx: Tx) {
  const client = (tx as unknown as { session?: { client?: NativeTxClient } }).session?.client;
  if (!client || (!client.unsafe && !client.query)) throw new Error("cannot reach the transaction's database client");
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // pg-boss leaves unset options undefined (node-pg sends NULL); postgres.js refuses undefined.
      const params = values.map((v) => (v === undefined ? null : v));
      if (client.unsafe) {
        // Drizzle's postgres.js client passes JSON through unserialised (drizzle serialises its own).
        const serialised = params.map((v) =>
          v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v,
        );
        return { rows: Array.from(await client.unsafe(text, serialised)) };
      }
      return client.query!(text, params);
    },
  };
}

/**
 * Adds a job inside `tx`: it exists only if the transaction commits. The queue must be open in this
 * process (the app server opens it at start; tests with getJobQueue()): on PGlite it cannot be
 * opened from inside a transaction, which holds the one connection. Call getJobQueue() before
 * the transaction when in doubt.
 */
export async function enqueueJobInTransaction(tx: Tx, name: JobName, data: object, options: EnqueueOptions = {}) {
  const handle = await getDatabase();
  const current = slot[GLOBAL_KEY];
  const open = current ? await current.catch(() => undefined) : undefined;
  let boss: PgBoss;
  if (open && open.handle === handle) boss = open.boss;
  else if (handle.driver === "postgres") boss = await getJobQueue();
  else throw new Error("the job queue is not open: open it before the transaction (getJobQueue())");
  return boss.send(name, data, { ...options, db: transactionExecutor(tx) });
}
