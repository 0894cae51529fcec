import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "../env";
import { loadSessionActor, sessionEndReason } from "./authenticate";
import type { Actor } from "./permissions";
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
 * The same answer as getCurrentActor, from the request's own `Cookie` header: JSON routes
 * (lib/http/api.ts) read it there, because server.mjs answers the hottest of them without the
 * framework, where next/headers has no request scope. Not memoised: apiRoute asks once.
 */
export function actorForRequest(headers: Headers): Promise<Actor | null> {
  const jar = parseCookieHeader(headers.get("cookie"));
  return actorOfSessionCookie((name) => jar.get(name));
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
