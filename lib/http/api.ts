import "server-only";
import { NextResponse } from "next/server";
import { sessionActorAndCount } from "../auth/current-user";
import { actorForBearerToken } from "../tokens/authenticate-token";
import { runWithToken } from "../tokens/token-context";
import type { Actor } from "../auth/permissions";
import { databaseFailureSeen, pingDatabase, trackDatabaseFailures } from "@/lib/database";
import { isStorableText } from "../validation";
import { isCrossSite } from "./cross-site";
import { withIdempotencyKey } from "./idempotency";
import { tooManyRequests, withRateLimitHeaders } from "./rate-limit";
import { clientAddressOf, type PlainAnswer } from "./server-state";
import { countApiRequest, type SessionRead } from "../security/rate-limits";
import type { RateLimitDecision } from "../security/rate-limit-rules";
import { readBodyText } from "./request-body";
import { AppError, type ErrorCode, ERROR_STATUS, databaseUnavailable, describeError } from "../errors";

export interface ApiContext<P, R = never> {
  request: Request;
  actor: Actor | null;
  params: P;
  /** The route's `read` (apiRoute's options), its rows filled when it rode along the session check. */
  read: R | null;
}

/** What a 503 tells clients to wait: the database pool reconnects within about a second. */
const RETRY_AFTER_SECONDS = "2";

export function errorResponse(
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
  details?: Record<string, unknown>,
): NextResponse {
  return NextResponse.json(
    { error: { code, message, ...(fields ? { fields } : {}), ...(details ?? {}) } },
    {
      status: ERROR_STATUS[code],
      headers: { "Cache-Control": "no-store", ...(code === "unavailable" ? { "Retry-After": RETRY_AFTER_SECONDS } : {}) },
    },
  );
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/**
 * The 503 to answer instead of `err` when the database is why the request failed (logged in one
 * line: during an outage every request fails the same way), or undefined.
 *
 * Auth.js swallows errors of its jwt callback, which re-checks the session in the database: while
 * the database is down or saturated a signed-in request looks anonymous and would get a 401
 * ("please sign in"). So for a 401 to a request with a session cookie, a database failure met
 * earlier in the request (apiRoute tracks them) makes it a 503. Where nothing was tracked (server
 * actions: serverAction resolves the user outside that tracking), the database is asked once more.
 */
export async function unavailableInstead(err: unknown, hasSession: boolean, where: string): Promise<AppError | undefined> {
  let cause = err;
  let unavailable = databaseUnavailable(err);
  if (!unavailable && err instanceof AppError && err.code === "unauthorized" && hasSession) {
    const seen = databaseFailureSeen();
    cause =
      seen !== null
        ? seen
        : await pingDatabase().then(
            () => undefined,
            (pingError: unknown) => pingError,
          );
    unavailable = cause === undefined ? undefined : databaseUnavailable(cause);
  }
  if (unavailable) console.error(`[${where}] database unavailable: ${describeError(cause)}`);
  return unavailable;
}

export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return SESSION_COOKIE.test(cookieHeader ?? "");
}

/**
 * An address whose path or query string, once decoded, holds a control character (NUL first of
 * all: PostgreSQL refuses it in text) or broken percent-encoding names nothing the API serves: it
 * is answered 400 before any use case sees it. Use cases check their own input too; this keeps a
 * new route that forgets to from reaching the database with it.
 */
export function unusableAddress(request: Request): string | null {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return "The address is not valid.";
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return "The address has broken percent-encoding.";
  }
  if (!isStorableText(path)) return "The address contains control characters.";
  try {
    for (const [key, value] of url.searchParams) {
      if (!isStorableText(key) || !isStorableText(value)) return "The query string contains control characters.";
    }
  } catch {
    return "The query string is not valid.";
  }
  return null;
}

/** Reads a JSON body (at most 3 MB); malformed JSON is a 400, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** What a route handler answers: a `Response`, or a plain JSON answer (`plainJson`). */
export type Answer = Response | PlainAnswer;

/** A route handler as Next.js calls it, and `answer`: the same, its JSON answer left plain. */
export interface ApiRouteHandler<P> {
  (request: Request, context: { params: Promise<P> }): Promise<Response>;
  /**
   * The same as the handler, but a plain answer of the route stays plain (rate-limit headers
   * included): server.mjs writes it without making a `Response` (lib/http/fast-path.mjs), whose
   * headers, body stream and cookie wrapper cost about as much CPU as a bare server's request.
   */
  answer(request: Request, context: { params: Promise<P> }): Promise<Answer>;
}

/**
 * Wraps a route handler: resolves the acting user, maps typed errors to the JSON error shape
 * and never lets a stack trace or SQL reach the response. The handler may answer `plainJson(…)`
 * (Next.js gets it as the `Response` `json()` would make) or any `Response`.
 */
export function apiRoute<P = Record<string, string>, R extends SessionRead = never>(
  handler: (ctx: ApiContext<P, R>) => Promise<Answer>,
  options: {
    /**
     * The route's first read, to send in the statement that checks a session cookie and counts the
     * request (lib/security/rate-limits.ts SessionRead: one round trip instead of two); null when
     * the request does not allow it. The handler gets it as `read`: the use case it hands it to
     * authorizes as ever, and uses its rows only when they were read for that actor.
     */
    read?: (request: Request) => R | null;
  } = {},
): ApiRouteHandler<P> {
  const answer = (request: Request, context: { params: Promise<P> }): Promise<Answer> =>
    trackDatabaseFailures(async () => {
      try {
        if (isCrossSite(request)) return errorResponse("forbidden", "Cross-site requests are not accepted.");
        const badAddress = unusableAddress(request);
        if (badAddress) return errorResponse("bad_request", badAddress);
        // An API token (CMSs, scripts) or the browser session; a token that does not check out is a
        // 401 even when a session cookie comes along, so a client never acts as someone else.
        // Rate limits per token, user and client address: one statement (docs/api.md, "Rate limits"),
        // which for a session also checks it (one round trip: sessionActorAndCount).
        const authorization = request.headers.get("authorization");
        const ip = clientAddressOf(request.headers);
        let actor: Actor | null;
        let rate: RateLimitDecision | null;
        let read: R | null = null;
        if (authorization) {
          actor = await actorForBearerToken(authorization);
          rate = await countApiRequest({ tokenId: actor?.token?.id, userId: actor?.id, ip });
        } else {
          read = options.read?.(request) ?? null;
          ({ actor, rate } = await sessionActorAndCount(request.headers, ip, read ?? undefined));
        }
        if (rate && !rate.allowed) return tooManyRequests(rate);
        if (authorization && !actor) {
          const refused = errorResponse("unauthorized", "The API token is not valid, has expired or was revoked.");
          refused.headers.set("WWW-Authenticate", 'Bearer realm="fact-check-desk", error="invalid_token"');
          return refused;
        }
        const params = context?.params ? await context.params : ({} as P);
        const run = (req: Request) => runWithToken(actor?.token?.id, () => handler({ request: req, actor, params, read }));
        // A POST may carry an Idempotency-Key: a retry replays the first answer (docs/api.md).
        const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
        const response =
          idempotencyKey !== null && actor
            ? await withIdempotencyKey(request, actor.id, idempotencyKey, async (req) => toResponse(await run(req)))
            : await run(request);
        return response instanceof Response ? withRateLimitHeaders(response, rate) : withPlainRateLimitHeaders(response, rate);
      } catch (err) {
        const unavailable = await unavailableInstead(err, hasSessionCookie(request.headers.get("cookie")), "api");
        return toErrorResponse(unavailable ?? err);
      }
    });
  const route = async (request: Request, context: { params: Promise<P> }): Promise<Response> =>
    toResponse(await answer(request, context));
  return Object.assign(route, { answer });
}

/** The `Response` of an answer: a plain one as `json()` makes it. */
export function toResponse(answer: Answer): Response {
  return answer instanceof Response ? answer : responseOf(answer);
}

/** withRateLimitHeaders for a plain answer: the same headers, lower-case as `Headers` gives them. */
function withPlainRateLimitHeaders(answer: PlainAnswer, decision: RateLimitDecision | null): PlainAnswer {
  if (!decision) return answer;
  answer.headers["ratelimit-limit"] = String(decision.limit);
  answer.headers["ratelimit-remaining"] = String(decision.remaining);
  answer.headers["ratelimit-reset"] = String(decision.resetSeconds);
  return answer;
}

export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) return errorResponse(err.code, err.message, err.fields, err.details);
  const unavailable = databaseUnavailable(err);
  if (unavailable) {
    console.error(`[api] database unavailable: ${describeError(err)}`);
    return errorResponse(unavailable.code, unavailable.message);
  }
  console.error("[api] unexpected error", err);
  return errorResponse("internal", "Something went wrong on our side. Please try again.");
}

/**
 * Where `json()` leaves the text it serialised: server.mjs writes it without reading the body
 * stream back (lib/http/fast-path.mjs).
 */
const JSON_TEXT = Symbol.for("fact-check-desk.json-text");

/**
 * What `json(data, status, headers)` answers, as a plain answer for server.mjs (lib/http/server-state.ts
 * `PlainAnswer`); `responseOf` makes the `Response` Next.js is given from it.
 */
export function plainJson(data: unknown, status = 200, headers: Record<string, string> = {}): PlainAnswer {
  const text = JSON.stringify(data);
  if (text === undefined) throw new TypeError("plainJson: a value JSON cannot hold");
  const all: Record<string, string> = { "cache-control": "no-store", "content-type": "application/json" };
  for (const [name, value] of Object.entries(headers)) all[name.toLowerCase()] = value;
  return { status, headers: all, text };
}

/** The `Response` of a plain answer: the same as `json()` makes. */
export function responseOf(answer: PlainAnswer): NextResponse {
  const response = new NextResponse(answer.text, { status: answer.status, headers: answer.headers });
  (response as unknown as Record<symbol, string>)[JSON_TEXT] = answer.text;
  return response;
}

/** A JSON answer, as NextResponse.json makes it (`Content-Type: application/json`), not cached. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): NextResponse {
  return responseOf(plainJson(data, status, headers));
}
