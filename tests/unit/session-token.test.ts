import crypto from "node:crypto";
import { decode as authjsDecode, encode as authjsEncode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { readSessionClaims } from "@/lib/auth/session-claims";
import { decodeSessionToken, encodeSessionToken, readSessionCookie } from "@/lib/auth/session-token";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/users/limits";

const secret = "test-secret-with-enough-entropy-0123456789";
const salt = "authjs.session-token";
const claims = { uid: "00000000-0000-4000-8000-000000000001", sv: 3, role: "editor", authTime: Math.floor(Date.now() / 1000) };

describe("session token (Auth.js's JWE format, node:crypto)", () => {
  it("decodes a token that Auth.js encoded", async () => {
    const token = await authjsEncode({ token: claims, secret, salt, maxAge: 3600 });
    expect(decodeSessionToken(token, secret, salt)).toMatchObject(claims);
  });

  it("encodes a token that Auth.js decodes, with iat, exp and jti", async () => {
    const token = encodeSessionToken(claims, secret, salt, 3600);
    const payload = await authjsDecode({ token, secret, salt });
    expect(payload).toMatchObject(claims);
    expect(payload!.exp! - payload!.iat!).toBe(3600);
    expect(typeof payload!.jti).toBe("string");
  });

  it("refuses another secret, another salt (cookie name), a tampered tag or ciphertext, and garbage", async () => {
    const token = encodeSessionToken(claims, secret, salt, 3600);
    expect(decodeSessionToken(token, `${secret}x`, salt)).toBeNull();
    expect(decodeSessionToken(token, secret, `__Secure-${salt}`)).toBeNull();
    const parts = token.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    expect(decodeSessionToken([parts[0], "", parts[2], parts[3], flip(parts[4]!)].join("."), secret, salt)).toBeNull();
    expect(decodeSessionToken([parts[0], "", parts[2], flip(parts[3]!), parts[4]].join("."), secret, salt)).toBeNull();
    expect(decodeSessionToken([parts[0], "", flip(parts[2]!), parts[3], parts[4]].join("."), secret, salt)).toBeNull();
    for (const junk of ["", "a.b.c.d.e", "....", token.slice(0, -3), `${token}.x`, "eyJhbGciOiJub25lIn0..a.b.c"]) {
      expect(decodeSessionToken(junk, secret, salt)).toBeNull();
    }
  });

  it("refuses a token whose header asks for another algorithm", async () => {
    const token = encodeSessionToken(claims, secret, salt, 3600);
    const [, ...rest] = token.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "dir", enc: "A128CBC-HS256" })).toString("base64url");
    expect(decodeSessionToken([header, ...rest].join("."), secret, salt)).toBeNull();
  });

  it("refuses an expired token (idle timeout) and one past the absolute lifetime", async () => {
    const expired = await authjsEncode({ token: claims, secret, salt, maxAge: -60 });
    expect(decodeSessionToken(expired, secret, salt)).toBeNull();
    const old = encodeSessionToken({ ...claims, authTime: claims.authTime - SESSION_MAX_AGE_SECONDS - 1 }, secret, salt, 3600);
    expect(decodeSessionToken(old, secret, salt)).not.toBeNull();
    expect(readSessionClaims(old, secret, salt)).toBeNull();
    expect(readSessionClaims(encodeSessionToken(claims, secret, salt, 3600), secret, salt)).toMatchObject({
      uid: claims.uid,
      sv: 3,
    });
  });

  it("remembers a genuine token, but still checks its expiry on every call and hands out copies", () => {
    const token = encodeSessionToken(claims, secret, salt, 60);
    const decrypt = vi.spyOn(crypto, "createDecipheriv");
    const first = decodeSessionToken(token, secret, salt);
    expect(first).toMatchObject(claims);
    // The second decode of the same token neither checks its tag nor decrypts it again.
    expect(decodeSessionToken(token, secret, salt)).toMatchObject(claims);
    expect(decrypt).toHaveBeenCalledTimes(1);
    decrypt.mockRestore();
    first!.role = "admin";
    expect(decodeSessionToken(token, secret, salt)).toMatchObject({ role: "editor" });
    // Another secret or salt is not served from what this one verified.
    expect(decodeSessionToken(token, `${secret}x`, salt)).toBeNull();
    expect(decodeSessionToken(token, secret, `__Secure-${salt}`)).toBeNull();
    vi.useFakeTimers({ now: Date.now() + 120_000 });
    try {
      expect(decodeSessionToken(token, secret, salt)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
    expect(decodeSessionToken(token, secret, salt)).toMatchObject(claims);
  });

  it("reads the secure cookie first and joins chunked cookies", () => {
    const jar: Record<string, string> = { "authjs.session-token.0": "abc", "authjs.session-token.1": "def" };
    expect(readSessionCookie((n) => jar[n])).toEqual({ token: "abcdef", name: "authjs.session-token" });
    jar["__Secure-authjs.session-token"] = "sec";
    expect(readSessionCookie((n) => jar[n])).toEqual({ token: "sec", name: "__Secure-authjs.session-token" });
    expect(readSessionCookie(() => undefined)).toBeNull();
  });
});
