import { z } from "zod";

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "validation_failed"
  | "unprocessable"
  | "too_many_requests"
  | "unavailable"
  | "internal";

export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  validation_failed: 422,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

/** A failure the user may be told about; anything else is logged and answered generically. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fields?: Record<string, string>,
    /** Extra data for the client, e.g. the current version of a claim on 409. */
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);
export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);
export const unauthorized = () => new AppError("unauthorized", "Please sign in.");

/** Field-level messages from a zod error, keyed by dotted path ("" for the whole input). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) fields[k] ??= "This field is not accepted.";
      continue;
    }
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses untrusted input with a zod schema, or throws a 422 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("validation_failed", "Some fields are not valid.", fieldErrors(result.error));
  }
  return result.data;
}

/** The SQLSTATE of a database error, whichever driver raised it. */
export function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const DATABASE_UNREACHABLE_MESSAGE = "The database is not reachable right now. Nothing was saved; please try again.";
export const DATABASE_BUSY_MESSAGE = "The database is busy right now. Nothing was saved; please try again.";

/**
 * An established connection died under a query: the server restarted or ended the session, or the
 * socket broke. (db/client.ts replaces its pool after these, see there.)
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

/** Waits the app bounds on purpose (db/client.ts): the server is there but too busy for us. */
const BUSY = new Set([
  "POOL_TIMEOUT", // no free pool connection in time (db/client.ts)
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
]);

export interface DatabaseFailure {
  kind: "unreachable" | "busy";
  /** An established connection died (the pool may hold broken state, see db/client.ts). */
  connectionLost: boolean;
  code: string;
}

/**
 * Why the database could not serve a query right now (down, restarting, pool or lock wait
 * exhausted), or undefined for any other error (constraint violations, bugs…). Looks through
 * drizzle's DrizzleQueryError (`cause`) and Node's AggregateError (`errors`).
 */
export function databaseFailure(err: unknown): DatabaseFailure | undefined {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length && seen.size < 16) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    if (e instanceof AppError) return undefined;
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

/** The 503 to answer for a database failure (see databaseFailure), or undefined for other errors. */
export function databaseUnavailable(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err.code === "unavailable" ? err : undefined;
  const failure = databaseFailure(err);
  if (!failure) return undefined;
  return new AppError("unavailable", failure.kind === "busy" ? DATABASE_BUSY_MESSAGE : DATABASE_UNREACHABLE_MESSAGE);
}

/** `CODE: message` of the innermost cause, for a one-line log entry (no SQL, no parameters). */
export function describeError(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4; depth++) {
    const cause = e && typeof e === "object" ? (e as { cause?: unknown }).cause : undefined;
    if (!cause) break;
    e = cause;
  }
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return `${typeof code === "string" ? `${code}: ` : ""}${e.message}`;
}
