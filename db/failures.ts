// Which driver errors mean "the database cannot serve this right now" (down, restarting, pool or
// lock wait exhausted), as opposed to errors of the query itself. The pool (db/postgres.ts) uses it
// to replace itself after a dead connection; lib/errors.ts turns it into a 503.

/**
 * An established connection died under a query: the server restarted or ended the session, or the
 * socket broke. (db/postgres.ts replaces its pool after these, see there.)
 */
const CONNECTION_LOST = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT", // postgres.js
  "CONNECTION_CLOSED", // postgres.js
  "CONNECTION_DESTROYED", // postgres.js
  "57P01", // admin_shutdown: server stopping or restarting, pg_terminate_backend
  "57P02", // crash_shutdown
  "57P05", // idle_session_timeout
  "25P03", // idle_in_transaction_session_timeout (the server ends the session)
]);

/** No connection could be made, or the pool is closed. */
const CANNOT_CONNECT = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_ENDED", // postgres.js: the pool was ended
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
]);

/** Waits the app bounds on purpose (db/postgres.ts): the server is there but too busy for us. */
const BUSY = new Set([
  "POOL_TIMEOUT", // no free pool connection in time (db/pool-gate.ts)
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
]);

export interface DatabaseFailure {
  kind: "unreachable" | "busy";
  /** An established connection died (the pool may hold broken state, see db/postgres.ts). */
  connectionLost: boolean;
  code: string;
}

/**
 * Why the database could not serve a query right now (down, restarting, pool or lock wait
 * exhausted), or undefined for any other error (constraint violations, bugs…). Looks through
 * drizzle's DrizzleQueryError (`cause`) and Node's AggregateError (`errors`). The app's own errors
 * (lib/errors.ts AppError) carry lower-case codes that match none of the sets above.
 */
export function databaseFailure(err: unknown): DatabaseFailure | undefined {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length && seen.size < 16) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    if ((e as Error).name === "AppError") return undefined;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      const connectionException = code.length === 5 && code.startsWith("08"); // SQLSTATE class 08
      if (CONNECTION_LOST.has(code) || connectionException)
        return { kind: code === "25P03" ? "busy" : "unreachable", connectionLost: true, code };
      if (CANNOT_CONNECT.has(code)) return { kind: "unreachable", connectionLost: false, code };
      if (BUSY.has(code)) return { kind: "busy", connectionLost: false, code };
    }
    if ((e as Error).name === "DatabaseLockedError") return { kind: "unreachable", connectionLost: false, code: "PGLITE_LOCKED" };
    stack.push((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) stack.push(...inner);
  }
  return undefined;
}
