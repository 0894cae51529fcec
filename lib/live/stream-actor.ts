import "server-only";
import { loadSessionActor } from "../auth/authenticate";
import type { Actor } from "../auth/permissions";
import { readSessionClaims } from "../auth/session-claims";
import { readSessionCookie } from "../auth/session-token";
import { env } from "../env";
import { actorForBearerToken } from "../tokens/authenticate-token";

function cookieJar(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

/**
 * How a long-lived stream asks again, later, whether the user who opened it may still act: the
 * same checks as a new request with the same credentials (lib/auth/current-user.ts, or the API
 * token), against the database. Null means signed out, disabled, expired or revoked; a database
 * failure rejects (the caller keeps the stream and asks again later).
 */
export function sessionRecheck(headers: Headers): () => Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    return () => actorForBearerToken(authorization);
  }
  const jar = cookieJar(headers.get("cookie"));
  return async () => {
    if (!env.AUTH_SECRET) return null;
    const cookie = readSessionCookie((name) => jar.get(name));
    const claims = cookie ? readSessionClaims(cookie.token, env.AUTH_SECRET, cookie.name) : null;
    if (!claims) return null;
    return loadSessionActor(claims.uid, claims.sv);
  };
}
