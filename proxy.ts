import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./lib/auth/auth.config";

const { auth } = NextAuth(authConfig);

const PUBLIC_PREFIXES = ["/login", "/api/", "/reports/", "/_next/", "/favicon"];

/**
 * Convenience only: sends anonymous visitors of app pages to the login page. Every permission is
 * checked again in lib/ (a proxy can be skipped, cf. CVE-2025-29927).
 */
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (request.auth || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();
  // Only page navigations are redirected; a POST (a server action) gets its own answer from lib/.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  const login = new URL("/login", request.nextUrl);
  login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
