import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { NextResponse } from "next/server";
import runProxy, { config } from "@/proxy";

/** Synchronous for every request here (only a server action's plain-text body is read async). */
const proxy = (r: NextRequest) => runProxy(r) as NextResponse;

const secret = "proxy-test-secret-0123456789abcdef";
const cookieName = "authjs.session-token";
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ uid: "00000000-0000-4000-8000-000000000001", sv: 1, role: "editor", authTime: now() });

function request(path: string, token?: string) {
  return new NextRequest(`http://localhost${path}`, { headers: token ? { cookie: `${cookieName}=${token}` } : {} });
}

describe("proxy (app pages)", () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = secret;
  });
  afterAll(() => {
    process.env.AUTH_SECRET = saved;
  });

  it("leaves JSON routes, the public report and static files to lib/ (not matched)", () => {
    const matcher = new RegExp(`^${config.matcher[0]!}$`);
    expect(matcher.test("/articles/1")).toBe(true);
    expect(matcher.test("/")).toBe(true);
    for (const path of [
      "/api/queue",
      "/api/health",
      "/reports/some-slug",
      "/embed/some-slug/x",
      "/_next/static/x.js",
      "/favicon.ico",
    ]) {
      expect(matcher.test(path)).toBe(false);
    }
  });

  it("answers broken percent-encoding with a 400 (JSON under /api/), and otherwise leaves /api/, /reports/, /embed/ alone", async () => {
    const api = proxy(request("/api/articles/%E0%A4%A"));
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: "bad_request" } });
    expect(proxy(request("/articles/%E0%A4%A")).status).toBe(400);
    expect(proxy(request("/reports/%ZZ")).status).toBe(400);
    for (const path of ["/api/queue", "/reports/some-slug", "/embed/a/b"]) {
      const res = proxy(request(path));
      expect(res.headers.get("x-middleware-next")).toBe("1");
      expect(res.headers.get("content-security-policy")).toBeNull();
    }
  });

  it("sends a visitor without a valid session to the login page, keeping where they were going", () => {
    for (const token of [undefined, "forged", encodeSessionToken(claims(), "another-secret-0123456789", cookieName, 3600)]) {
      const res = proxy(request("/articles?q=x", token));
      expect(res.status).toBe(307);
      expect(new URL(res.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/articles?q=x");
    }
    const pastAbsolute = encodeSessionToken({ ...claims(), authTime: now() - 9 * 3600 }, secret, cookieName, 3600);
    expect(proxy(request("/articles", pastAbsolute)).status).toBe(307);
  });

  it("lets a signed-in user through with a fresh CSP nonce, and renews the cookie only when it is 15 minutes old", () => {
    const fresh = proxy(request("/articles", encodeSessionToken(claims(), secret, cookieName, 7200)));
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(fresh.cookies.get(cookieName)).toBeUndefined();

    // A token issued 20 minutes ago: renewed with the same claims and a new two-hour expiry.
    const oldToken = encodeSessionToken(claims(), secret, cookieName, 7200);
    const issued = now();
    const realNow = Date.now;
    Date.now = () => realNow() + 20 * 60 * 1000;
    try {
      const renewed = proxy(request("/articles", oldToken));
      const set = renewed.cookies.get(cookieName);
      expect(set?.httpOnly).toBe(true);
      expect(set?.sameSite).toBe("lax");
      const payload = decodeSessionToken(set!.value, secret, cookieName)!;
      expect(payload).toMatchObject({ uid: claims().uid, sv: 1 });
      expect(payload.exp! - payload.iat!).toBe(7200);
      expect(payload.iat!).toBeGreaterThanOrEqual(issued + 19 * 60);
    } finally {
      Date.now = realNow;
    }
  });
});
