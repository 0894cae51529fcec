import "server-only";
import { NextResponse } from "next/server";
import { getCurrentActor } from "../auth/current-user";
import type { Actor } from "../auth/permissions";
import { AppError, type ErrorCode, ERROR_STATUS } from "../errors";

export interface ApiContext<P> {
  request: Request;
  actor: Actor | null;
  params: P;
}

export function errorResponse(
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
  details?: Record<string, unknown>,
): NextResponse {
  return NextResponse.json(
    { error: { code, message, ...(fields ? { fields } : {}), ...(details ?? {}) } },
    { status: ERROR_STATUS[code], headers: { "Cache-Control": "no-store" } },
  );
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Route handlers have no built-in CSRF protection (server actions do): a state-changing request
 * that a browser marks as coming from another site is refused.
 */
function isCrossSite(request: Request): boolean {
  if (!STATE_CHANGING.has(request.method)) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** A 2 MB article plus JSON escaping fits; anything bigger is refused before parsing. */
const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

/** Reads a JSON body; malformed JSON is a 400, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw new AppError("bad_request", "The request body is larger than 3 MB.");
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_REQUEST_BYTES) throw new AppError("bad_request", "The request body is larger than 3 MB.");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/**
 * Wraps a route handler: resolves the acting user, maps typed errors to the JSON error shape
 * and never lets a stack trace or SQL reach the response.
 */
export function apiRoute<P = Record<string, string>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      if (isCrossSite(request)) return errorResponse("forbidden", "Cross-site requests are not accepted.");
      const actor = await getCurrentActor();
      const params = context?.params ? await context.params : ({} as P);
      return await handler({ request, actor, params });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) return errorResponse(err.code, err.message, err.fields, err.details);
  console.error("[api] unexpected error", err);
  return errorResponse("internal", "Something went wrong on our side. Please try again.");
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
