import "server-only";
import type { NextResponse } from "next/server";
import type { BucketKind, RateLimitDecision } from "../security/rate-limit-rules";
import { errorResponse } from "./api";

const WHOSE: Record<BucketKind, string> = {
  token: "with this API token",
  user: "by this user",
  ip: "from this address",
  login: "to log in from this address",
};

/** The 429 of a refused request: the JSON error shape, `Retry-After` and the RateLimit headers. */
export function tooManyRequests(decision: RateLimitDecision): NextResponse {
  const response = errorResponse(
    "too_many_requests",
    `Too many requests ${WHOSE[decision.kind]}: at most ${decision.limit} in each window. Try again in ${decision.resetSeconds} s.`,
    undefined,
    { limit: decision.kind, retryAfter: decision.resetSeconds },
  );
  response.headers.set("Retry-After", String(decision.resetSeconds));
  return withRateLimitHeaders(response, decision);
}

/**
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds) of the tightest bucket,
 * so that a client can slow down before it is refused. A response whose headers cannot be changed
 * (`Response.redirect`) is returned as it is.
 */
export function withRateLimitHeaders<R extends Response>(response: R, decision: RateLimitDecision | null): R {
  if (!decision) return response;
  try {
    response.headers.set("RateLimit-Limit", String(decision.limit));
    response.headers.set("RateLimit-Remaining", String(decision.remaining));
    response.headers.set("RateLimit-Reset", String(decision.resetSeconds));
  } catch {
    // Immutable headers: the answer goes out without the advice, which is all the headers are.
  }
  return response;
}
