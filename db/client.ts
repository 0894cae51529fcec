// The database layer's public face: the drivers, migrations and failure tracking, one concern per
// file beside this one. Which database the app opens (and when) is decided in lib/database.ts,
// because that reads the environment (lib/env.ts) and db/ never imports lib/.
export type { DatabaseHandle, Db, DriverName, Schema, Tx } from "./types";
export { DatabaseLockedError, openPglite } from "./pglite";
export {
  APP_DATABASE_LIMITS,
  openPostgres,
  PoolTimeoutError,
  type PostgresLimits,
  QUICK_PIPELINE_DEPTH,
  reconnectBackoff,
} from "./postgres";
export { migrateDatabase, MIGRATIONS_FOLDER } from "./migrate";
export { databaseFailure, type DatabaseFailure } from "./failures";
export { databaseFailureSeen, trackDatabaseFailures } from "./failure-tracking";
