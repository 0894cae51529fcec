import { z } from "zod";
import { databaseFailure } from "@/db/failures";

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
  | "not_implemented"
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
  not_implemented: 501,
  internal: 500,
};

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The JSON error shape of every API route (docs/api.md, "Errors"); lib/http/api.ts writes it. */
export const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe("Field-level problems: the field's name (dotted path) → what is wrong."),
    current: z.unknown().optional().describe("409 for a stale version: the item as it is now (for a claim, the claim)."),
    missing: z.unknown().optional().describe("422 for a claim not ready to submit or approve: what is missing."),
    limit: z
      .enum(["token", "user", "ip", "login"])
      .optional()
      .describe("429: the rate limit that refused the request (per API token, per user, per client address)."),
    retryAfter: z.number().int().min(1).optional().describe("429: seconds until the limit's window ends, as `Retry-After` says."),
  }),
});

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

// Which driver errors mean "the database cannot serve this now" is the database layer's knowledge.
export { databaseFailure, type DatabaseFailure } from "@/db/failures";

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
