import { type SQL, sql } from "drizzle-orm";
import type { PgDialect, PgSession } from "drizzle-orm/pg-core";
import { noteFailure } from "@/db/failure-tracking";
import { migrateDatabase } from "@/db/migrate";
import { openPglite } from "@/db/pglite";
import { APP_DATABASE_LIMITS, openPostgres } from "@/db/postgres";
import { type DatabaseHandle, type Db, PGLITE_PREPARE, type Tx } from "@/db/types";
import { env } from "./env";

// What use cases need of db/client besides getDb, so that they import the database from one place.
export type { DatabaseHandle, Db, Tx } from "@/db/types";
export { databaseFailureSeen, trackDatabaseFailures } from "@/db/failure-tracking";

// The handle lives on globalThis: Next.js may evaluate this module in several bundles of one
// process, and each must share the same PGlite instance (and its lock).
const GLOBAL_KEY = Symbol.for("fact-check-desk.database");
type GlobalSlot = { [GLOBAL_KEY]?: Promise<DatabaseHandle> };
const slot = globalThis as GlobalSlot;

/** Opens (once, lazily) and migrates the configured database: DATABASE_URL's server, or PGlite. */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!slot[GLOBAL_KEY]) {
    const opening = (async () => {
      const handle = env.DATABASE_URL
        ? await openPostgres(env.DATABASE_URL, env.DATABASE_POOL_MAX, APP_DATABASE_LIMITS, env.DATABASE_QUICK_POOL_MAX)
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

/** `handle`'s pool of short statements, or its only one (getQuickDb). */
export function quickDbOf(handle: DatabaseHandle): Db {
  return handle.quick ?? handle.db;
}

/**
 * The database for a short statement of fixed text that every request sends, as a named prepared
 * statement (the session or token check and its count, the health probe): the handle's pool of such
 * statements (DatabaseHandle.quick), or its only one. Nothing that can run long or hold a
 * transaction goes there: a statement on it waits behind the others in flight on its connection
 * (db/postgres.ts QUICK_PIPELINE_DEPTH).
 */
export async function getQuickDb(): Promise<Db> {
  try {
    return quickDbOf(await getDatabase());
  } catch (err) {
    noteFailure(err);
    throw err;
  }
}

export async function getDb(): Promise<Db> {
  try {
    return (await getDatabase()).db;
  } catch (err) {
    noteFailure(err); // e.g. the server is down while the app opens and migrates it
    throw err;
  }
}

/**
 * `db.execute(query)`, sent as a prepared statement: PostgreSQL parses and plans it once per pool
 * connection (postgres.js keeps one per distinct SQL text and connection; PGlite once per instance,
 * db/pglite-prepared.ts).
 * Only for SQL whose text has a few fixed shapes — the values must all be parameters — never for
 * text that varies with its input, or the prepared statements pile up on every connection.
 * drizzle has no public way to prepare raw SQL; this is what `db.execute` does, with a name.
 */
export function executePrepared(db: Db, name: string, query: SQL): Promise<unknown> {
  return prepareStatement(db, name, query).execute();
}

/** A prepared statement built once (prepareStatement): each `execute` fills its placeholders. */
export interface PreparedStatement {
  /** The rows, as `db.execute` gives them: an array (postgres.js) or `{ rows }` (PGlite). */
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

/**
 * What executePrepared sends, built once and run many times: `query`'s values are
 * `sql.placeholder(name)`s, filled by `execute({ name: value })`. For a hot statement of fixed text
 * whose building (drizzle renders every chunk of the SQL again on each call) costs more CPU than
 * its round trip. Bound to `db`: keep one per database handle.
 *
 * With a `name`, a named prepared statement: after five executions PostgreSQL may keep a generic
 * plan (plan_cache_mode `auto`, db/postgres.ts) that ignores the values. With `name` undefined, an
 * unnamed statement (postgres.js `prepare: false`): parsed and planned for its values at every
 * execution, for SQL whose best plan depends on them (a filter that may match nothing).
 */
export function prepareStatement(db: Db, name: string | undefined, query: SQL): PreparedStatement {
  const internals = db as unknown as { dialect: PgDialect; session: PgSession };
  const prepared = internals.session.prepareQuery(internals.dialect.sqlToQuery(query), undefined, name, false);
  return name === undefined ? prepared : namedOnPglite(prepared);
}

/**
 * drizzle's PGlite driver drops a prepared query's name: the options its query hands the client
 * (`queryConfig`, `rawQueryConfig`) say instead that the statement is to be prepared
 * (db/pglite-prepared.ts). A postgres.js query has no such options and is returned as it is.
 */
function namedOnPglite<Q>(query: Q): Q {
  const q = query as { queryConfig?: object; rawQueryConfig?: object };
  if (q.queryConfig) q.queryConfig = { ...q.queryConfig, [PGLITE_PREPARE]: true };
  if (q.rawQueryConfig) q.rawQueryConfig = { ...q.rawQueryConfig, [PGLITE_PREPARE]: true };
  return query;
}

/**
 * A cache of prepared statements per database handle (tests open several) and `key` (a statement's
 * shape): `build` runs once for each pair.
 */
export function statementCache<K>(): (db: Db, key: K, build: () => PreparedStatement) => PreparedStatement {
  const byDb = new WeakMap<Db, Map<K, PreparedStatement>>();
  return (db, key, build) => {
    let byKey = byDb.get(db);
    if (!byKey) byDb.set(db, (byKey = new Map()));
    let statement = byKey.get(key);
    if (!statement) byKey.set(key, (statement = build()));
    return statement;
  };
}

/** The rows of `db.execute` or a prepared statement: postgres.js answers an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
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

/** What running a drizzle query needs once it is built: its text, parameters and result fields. */
interface BuiltQuery {
  queryString: string;
  params: unknown[];
  fields?: unknown;
  joinsNotNullableMap?: unknown;
}
type PreparedLike<R> = { execute(values?: Record<string, unknown>): Promise<R> };
type QuerySession = {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: unknown, name: string, arrayMode: boolean): BuiltQuery;
};

/**
 * A query of one fixed text (every value a `sql.placeholder`), built by drizzle once per process
 * instead of at every execution: drizzle renders a query's SQL again each time it runs, `.prepare()`d
 * ones included, which was ~8 % of the CPU of a claim write (issue 13, bench/README.md). `build`
 * returns the drizzle prepared query (`builder.prepare(name)`) on the database or transaction it is
 * given; each call runs its text, parameters and row mapping on the `db` it is given (a
 * transaction's own connection), as a prepared statement named `name` (postgres.js parses and plans
 * it once per connection, PGlite once per instance: db/pglite-prepared.ts).
 */
export function fixedQuery<R>(
  name: string,
  build: (db: Db | Tx) => PreparedLike<R>,
): (db: Db | Tx, values: Record<string, unknown>) => Promise<R> {
  let built: BuiltQuery | undefined;
  return (db, values) => {
    built ??= build(db) as unknown as BuiltQuery;
    const { session } = db as unknown as { session: QuerySession };
    const query = namedOnPglite(session.prepareQuery({ sql: built.queryString, params: built.params }, built.fields, name, true));
    query.joinsNotNullableMap = built.joinsNotNullableMap;
    return (query as unknown as PreparedLike<R>).execute(values);
  };
}

/**
 * Raw SQL of one fixed text (every value a `sql.placeholder`), rendered once per process and sent
 * as the prepared statement `name` on the database or transaction it is given (postgres.js parses
 * and plans it once per connection, PGlite once per instance). Its rows as the driver gives them,
 * with no drizzle row mapping: for a statement whose rows are few and whose values are read by hand.
 */
export function fixedStatement<T>(name: string, query: SQL): (db: Db | Tx, values: Record<string, unknown>) => Promise<T[]> {
  let built: { sql: string; params: unknown[] } | undefined;
  return async (db, values) => {
    const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
    built ??= dialect.sqlToQuery(query);
    return rowsOf<T>(await namedOnPglite(session.prepareQuery(built, undefined, name, false)).execute(values));
  };
}

/**
 * The drizzle prepared query of `query` (raw SQL, e.g. a statement with a data-modifying WITH) whose
 * rows are those of `rowsOf`, an `update(…).returning(…)` builder: for `fixedQuery`'s `build`.
 */
export function prepareWithRowsOf<R>(db: Db | Tx, name: string, query: SQL, rowsOf: { _: { result: R } }): PreparedLike<R> {
  const internals = db as unknown as { dialect: PgDialect; session: QuerySession };
  const { returning } = (rowsOf as unknown as { config: { returning: unknown } }).config;
  return internals.session.prepareQuery(internals.dialect.sqlToQuery(query), returning, name, true) as unknown as PreparedLike<R>;
}
