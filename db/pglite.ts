// The embedded database (no DATABASE_URL): PGlite in a folder, guarded by a lock file because
// PGlite allows one process at a time.
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import type { DatabaseHandle, Db } from "./types";

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
  // Search and claim matching use pg_trgm (migration 0008_search_trigram); PGlite ships it as a contrib build.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { PreparedPglite } = await import("./pglite-prepared");
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquirePgliteLock(path.resolve(dir));
  try {
    if (!inMemory) fs.mkdirSync(path.resolve(dir), { recursive: true });
    const client = await PGlite.create(inMemory ? undefined : path.resolve(dir), {
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm },
    });
    // drizzle (and the job queue, live updates) talk to PGlite through PreparedPglite: one call into
    // the backend per statement, the app's named statements prepared once.
    const prepared = new PreparedPglite(client) as unknown as typeof client;
    const db = drizzle({ client: prepared, schema, casing: "snake_case" }) as unknown as Db;
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
