import "server-only";
import { loadSessionActor } from "../auth/authenticate";
import type { Actor } from "../auth/permissions";
import { readSessionClaims } from "../auth/session-claims";
import { readSessionCookie } from "../auth/session-token";
import { env } from "../env";
import { actorForBearerToken } from "../tokens/authenticate-token";
import { SESSION_MAX_AGE_SECONDS } from "../users/limits";

/**
 * What a re-check answers: the user as they may act now, null when they may not (signed out,
 * disabled, expired, revoked), or "renew" when only the stream's own copy of the session cookie
 * ran out of idle time: the browser renews its cookie while its user works, so the stream should
 * end without an `end` event and let EventSource connect again with the cookie it has now.
 */
export type StreamRecheck = () => Promise<Actor | null | "renew">;

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
export function sessionRecheck(headers: Headers): StreamRecheck {
  const authorization = headers.get("authorization");
  if (authorization) {
    return () => actorForBearerToken(authorization);
  }
  const jar = cookieJar(headers.get("cookie"));
  const read = () => {
    if (!env.AUTH_SECRET) return null;
    const cookie = readSessionCookie((name) => jar.get(name));
    return cookie ? readSessionClaims(cookie.token, env.AUTH_SECRET, cookie.name) : null;
  };
  // The cookie as the stream was opened with it; the copy in `jar` never changes after that.
  const opened = read();
  return async () => {
    const claims = read();
    if (claims) return loadSessionActor(claims.uid, claims.sv);
    const now = Math.floor(Date.now() / 1000);
    const idleExpired =
      opened !== null &&
      typeof opened.payload.exp === "number" &&
      now >= opened.payload.exp &&
      now - opened.authTime <= SESSION_MAX_AGE_SECONDS;
    // Still the same session (not signed out, disabled or changed): reconnect with the current cookie.
    if (idleExpired && (await loadSessionActor(opened.uid, opened.sv))) return "renew";
    return null;
  };
}
