import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./lib/auth/auth.config";
import { newNonce, pageCsp } from "./lib/security/csp";

const { auth } = NextAuth(authConfig);

/** Served with their own policy from next.config.js (JSON, exports, the public report page). */
const NON_PAGE_PREFIXES = ["/api/", "/reports/"];
const isDev = process.env.NODE_ENV !== "production";

/**
 * Two jobs, neither of them a permission check (every permission is checked again in lib/; a
 * proxy can be skipped, cf. CVE-2025-29927):
 * - send anonymous visitors of app pages to the login page;
 * - give every page a fresh CSP nonce (request header for Next.js, response header for the browser).
 */
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (NON_PAGE_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();

  const isNavigation = request.method === "GET" || request.method === "HEAD";
  if (!request.auth && isNavigation && !pathname.startsWith("/login")) {
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
  return response;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
