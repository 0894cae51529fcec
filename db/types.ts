import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both drivers: the rest of the code never knows which one it talks to. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DriverName = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  /**
   * For short named statements of fixed text only (the session or token check with its count, the
   * health probe): a few connections of their own on which postgres.js pipelines them (db/postgres.ts);
   * no transaction. Unset on PGlite and where none was opened (lib/database.ts getQuickDb).
   */
  quick?: Db;
  driver: DriverName;
  /** The server URL (postgres driver only). */
  url?: string;
  close(): Promise<void>;
}

/**
 * Set (true) in the options a query hands the PGlite client (db/pglite-prepared.ts) for a
 * statement of fixed text to run as a named prepared statement: lib/database.ts sets it for the
 * statements it prepares with a name.
 */
export const PGLITE_PREPARE = Symbol.for("fact-check-desk.pglite-prepare");
