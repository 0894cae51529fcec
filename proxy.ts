import { type NextRequest, NextResponse } from "next/server";
import { readSessionClaims } from "./lib/auth/session-claims";
import { encodeSessionToken, readSessionCookie } from "./lib/auth/session-token";
import { newNonce, pageCsp } from "./lib/security/csp";
import { SESSION_IDLE_SECONDS } from "./lib/users/limits";

const isDev = process.env.NODE_ENV !== "production";
/** Renew the rolling session cookie when it is older than this (Auth.js's `updateAge`). */
const RENEW_AFTER_SECONDS = 15 * 60;

/**
 * App pages only (the matcher leaves out /api/, /reports/, /embed/ and static files: JSON, the
 * public report and verdict cards are answered by lib/ with their own checks and policies).
 * Three jobs, none of them a permission check — every permission is checked again in lib/, and a
 * proxy can be skipped
 * (cf. CVE-2025-29927):
 * - send anonymous visitors of app pages to the login page;
 * - renew the rolling session cookie (idle timeout, docs/security.md);
 * - give every page a fresh CSP nonce (request header for Next.js, response header for the browser).
 * The token is read with lib/auth/session-token.ts (no database, no Auth.js round trip).
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const secret = process.env.AUTH_SECRET;
  const cookie = readSessionCookie((name) => request.cookies.get(name)?.value);
  const claims = cookie && secret ? readSessionClaims(cookie.token, secret, cookie.name) : null;

  const isNavigation = request.method === "GET" || request.method === "HEAD";
  if (!claims && isNavigation && !pathname.startsWith("/login")) {
    const login = new URL("/login", request.nextUrl);
    login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }

  // A POST (a server action) is answered by lib/, anonymous or not.
  const nonce = newNonce();
  const csp = pageCsp(nonce, isDev);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);

  const issuedAt = claims?.payload.iat;
  if (claims && cookie && secret && typeof issuedAt === "number" && Date.now() / 1000 - issuedAt >= RENEW_AFTER_SECONDS) {
    const { iat: _iat, exp: _exp, jti: _jti, ...kept } = claims.payload;
    response.cookies.set(cookie.name, encodeSessionToken(kept, secret, cookie.name, SESSION_IDLE_SECONDS), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: cookie.name.startsWith("__Secure-"),
      maxAge: SESSION_IDLE_SECONDS,
    });
  }
  return response;
}

export const config = {
  matcher: ["/((?!api/|reports/|embed/|_next/static|_next/image|favicon.ico).*)"],
};
