import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "../env";
import { loadSessionActor, sessionEndReason, sessionOfClaims } from "./authenticate";
import type { Actor } from "./permissions";
import { countApiRequest, type SessionRead, sessionUserAndCount } from "../security/rate-limits";
import type { RateLimitDecision } from "../security/rate-limit-rules";
import { readSessionCookie } from "./session-token";
import { readSessionClaims } from "./session-claims";
import { parseCookieHeader } from "../http/cookie-header";

/**
 * The acting user of this request, re-checked against the database (enabled, current session
 * version), or null. Memoised per request; pages, actions and route handlers pass it to lib/.
 *
 * One token decode and one user query per request: the token is read here directly rather than
 * through Auth.js's `auth()`, which runs the jwt callback (a second user query) and encrypts a
 * renewed cookie that a route handler never sends. The proxy renews the cookie for page views.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return actorOfSessionCookie((name) => jar.get(name)?.value);
});

/**
 * For a JSON route (lib/http/api.ts) with no API token: the same actor as getCurrentActor, read
 * from the request's own `Cookie` header (server.mjs answers the hottest routes without the
 * framework, where next/headers has no request scope), and the request counted against the rate
 * limits of that user and of `ip` — both in one statement when there is a session to check
 * (sessionUserAndCount), exactly as loadSessionActor then countApiRequest would answer. `read`:
 * the route's first read, sent in that statement when there is a session to check (SessionRead).
 */
export async function sessionActorAndCount(
  headers: Headers,
  ip: string | null,
  read?: SessionRead,
): Promise<{ actor: Actor | null; rate: RateLimitDecision | null }> {
  const claims = sessionClaimsOf(headers);
  const session = claims ? sessionOfClaims(claims.uid, claims.sv) : null;
  if (!session) return { actor: null, rate: await countApiRequest({ ip }) };
  // A failure here (the database's, as a rule) reaches apiRoute, which answers it with a 503.
  const answer = await sessionUserAndCount(session, ip, Date.now(), read);
  const user = answer.user;
  return {
    actor: user ? { id: user.id, email: user.email, name: user.name, role: user.role as Actor["role"] } : null,
    rate: answer.rate,
  };
}

function sessionClaimsOf(headers: Headers) {
  if (!env.AUTH_SECRET) return null;
  const jar = parseCookieHeader(headers.get("cookie"));
  const cookie = readSessionCookie((name) => jar.get(name));
  return cookie ? readSessionClaims(cookie.token, env.AUTH_SECRET, cookie.name) : null;
}

async function actorOfSessionCookie(get: (name: string) => string | undefined): Promise<Actor | null> {
  if (!env.AUTH_SECRET) return null;
  const cookie = readSessionCookie(get);
  const claims = cookie ? readSessionClaims(cookie.token, env.AUTH_SECRET, cookie.name) : null;
  if (!claims) return null;
  try {
    return await loadSessionActor(claims.uid, claims.sv);
  } catch {
    // As when Auth.js swallowed its callback's error: the request looks anonymous, and the
    // database failure it met (noted by db/client) turns the 401 into a 503 in lib/http.
    return null;
  }
}

/**
 * Why this request's signed session no longer lets its user in, when they should be told (the
 * account was disabled); null otherwise. Pages send such a user to the login page with the reason.
 */
export const sessionEnded = cache(async (): Promise<"disabled" | null> => {
  if (!env.AUTH_SECRET) return null;
  const jar = await cookies();
  const cookie = readSessionCookie((name) => jar.get(name)?.value);
  const claims = cookie ? readSessionClaims(cookie.token, env.AUTH_SECRET, cookie.name) : null;
  if (!claims) return null;
  return sessionEndReason(claims.uid).catch(() => null);
});
