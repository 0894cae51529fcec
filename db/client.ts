import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "../lib/env";
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

export async function openPglite(
  dir: string,
  options: { loadDataDir?: Blob | File } = {},
): Promise<DatabaseHandle> {
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

export async function openPostgres(url: string, max = env.DATABASE_POOL_MAX): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max,
    // Fail fast when the server is down instead of letting requests hang.
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    url,
    async close() {
      await client.end({ timeout: 5 });
    },
  };
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
        ? await openPostgres(env.DATABASE_URL)
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
  return (await getDatabase()).db;
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
