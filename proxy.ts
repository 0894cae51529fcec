import { type NextRequest, NextResponse } from "next/server";
import { readSessionClaims } from "./lib/auth/session-claims";
import { encodeSessionToken, readSessionCookie } from "./lib/auth/session-token";
import { hasPlainActionBody, isMalformedActionBody, serverActionRefusal } from "./lib/http/cross-site";
import { newNonce, pageCsp, ssoFormTarget } from "./lib/security/csp";
import { SESSION_IDLE_SECONDS } from "./lib/users/limits";

const isDev = process.env.NODE_ENV !== "production";
/** Renew the rolling session cookie when it is older than this (Auth.js's `updateAge`). */
const RENEW_AFTER_SECONDS = 15 * 60;
/** Forms may also be sent on to the single sign-on provider (read here directly: the proxy does not load lib/env.ts). */
const FORM_TARGETS = [ssoFormTarget(process.env.OIDC_ISSUER)].filter((t): t is string => t !== null);

/**
 * App pages (JSON under /api/, the public report and verdict cards are answered by lib/ with their
 * own checks and policies: the proxy only refuses broken percent-encoding there; static files are
 * not matched). Three jobs for pages, none of them a permission check — every permission is checked again in lib/, and a
 * proxy can be skipped
 * (cf. CVE-2025-29927):
 * - send anonymous visitors of app pages to the login page;
 * - renew the rolling session cookie (idle timeout, docs/security.md);
 * - give every page a fresh CSP nonce (request header for Next.js, response header for the browser).
 * The token is read with lib/auth/session-token.ts (no database, no Auth.js round trip).
 */
export default function proxy(request: NextRequest): NextResponse | Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  // Broken percent-encoding ("/api/articles/%E0%A4%A") makes the framework's router throw a
  // plain-text 500: answer it here, as the 400 it is (in the JSON error shape under /api/).
  if (!decodesCleanly(pathname)) return badAddress(pathname);
  // JSON routes, public reports and verdict cards: matched only for the check above.
  if (OWN_POLICY.test(pathname)) return NextResponse.next();
  // A POST to a page is a server action: the framework would answer a cross-site one, or one over
  // the body limit, with a 500. The same refusals as the API's, in its JSON shape.
  const refusal = serverActionRefusal(request);
  if (refusal) return NextResponse.json(refusal.body, { status: refusal.status, headers: { "Cache-Control": "no-store" } });
  // Arguments that are not even a list (the size was checked above): a 400, not a failure inside.
  // Only these requests wait for their body; every other one is answered synchronously.
  if (hasPlainActionBody(request)) {
    return request
      .clone()
      .text()
      .then((body) =>
        isMalformedActionBody(request, body)
          ? NextResponse.json(
              { error: { code: "bad_request", message: "The action's arguments are not valid." } },
              { status: 400, headers: { "Cache-Control": "no-store" } },
            )
          : pageResponse(request),
      );
  }
  return pageResponse(request);
}

/** The proxy's work for an app page (or a server action that passed the checks above). */
function pageResponse(request: NextRequest): NextResponse {
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
  const csp = pageCsp(nonce, isDev, FORM_TARGETS);
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

/** Paths answered by lib/ with their own checks and headers (see the comment on `proxy`). */
const OWN_POLICY = /^\/(?:api|reports|embed)\//;

function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badAddress(pathname: string): NextResponse {
  const message = "The address has broken percent-encoding.";
  if (pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: { code: "bad_request", message } },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  return new NextResponse(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const config = {
  matcher: [
    "/((?!api/|reports/|embed/|_next/static|_next/image|favicon.ico).*)",
    "/api/:path*",
    "/reports/:path*",
    "/embed/:path*",
  ],
};
