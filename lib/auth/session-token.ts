/**
 * The session cookie's token, in exactly the format Auth.js issues (a JWE with `alg: dir`,
 * `enc: A256CBC-HS512`, the key derived from AUTH_SECRET by HKDF with the cookie name as salt, the
 * key's JWK thumbprint as `kid`), encoded and decoded with node:crypto and a cached key.
 *
 * Why not Auth.js's own `encode`/`decode`: they derive the key again and run five WebCrypto calls
 * per token, and a request decoded the token up to three times (proxy, route, rolling cookie).
 * The profile in bench/README.md put that at about a tenth of each API request. This module is
 * handed to Auth.js as its `jwt.encode`/`jwt.decode` (so sign-in and sign-out use it too) and is
 * what the proxy and `getCurrentActor` read. Interoperability with Auth.js's implementation, both
 * ways, is tested in tests/unit/session-token.test.ts.
 */
import crypto from "node:crypto";

const ENC = "A256CBC-HS512";
/** Auth.js's tolerance for `exp`/`nbf`, kept so a token is valid for exactly as long as before. */
const CLOCK_TOLERANCE_SECONDS = 15;

interface DerivedKey {
  macKey: Buffer;
  encKey: Buffer;
  kid: string;
}

const keys = new Map<string, DerivedKey>();

function derivedKey(secret: string, salt: string): DerivedKey {
  const cacheKey = `${salt}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    const material = Buffer.from(crypto.hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of {"k":…,"kty":"oct"}, hashed with SHA-512 as Auth.js does for a 64-byte key.
    const kid = crypto
      .createHash("sha512")
      .update(JSON.stringify({ k: material.toString("base64url"), kty: "oct" }))
      .digest("base64url");
    key = { macKey: material.subarray(0, 32), encKey: material.subarray(32), kid };
    keys.set(cacheKey, key);
  }
  return key;
}

function tag(key: DerivedKey, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  return crypto.createHmac("sha512", key.macKey).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
}

export type SessionPayload = Record<string, unknown> & { exp?: number; iat?: number };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Encrypts `payload` with fresh `iat`, `exp` (now + maxAge) and `jti`, as Auth.js's `encode` does. */
export function encodeSessionToken(
  payload: Record<string, unknown>,
  secret: string,
  salt: string,
  maxAgeSeconds: number,
): string {
  const key = derivedKey(secret, salt);
  const now = nowSeconds();
  const claims = { ...payload, iat: now, exp: now + maxAgeSeconds, jti: crypto.randomUUID() };
  const header = Buffer.from(JSON.stringify({ alg: "dir", enc: ENC, kid: key.kid })).toString("base64url");
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv("aes-256-cbc", key.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final()]);
  const t = tag(key, Buffer.from(header, "ascii"), iv, ciphertext);
  return `${header}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${t.toString("base64url")}`;
}

/** How many genuine tokens `decodeSessionToken` remembers (the least recently used goes first): one per session in use. */
const VERIFIED_MAX = 1_000;
/** Payloads of tokens already verified and decrypted, by salt, secret and the whole token text. */
const verified = new Map<string, Readonly<SessionPayload>>();

/**
 * The token's payload, or null when it is malformed, was not made with this secret and salt, was
 * tampered with, or has expired. Never throws on bad input.
 *
 * A token that checked out once is not checked again: its payload is remembered by the token's
 * exact text (a session sends the same cookie with every request, and its HMAC and AES cost ~5 % of
 * an API request's CPU: bench/README.md, "HTTP overhead"). Only a token identical to one that
 * verified can hit, so nothing forged gets through; `exp` and `nbf` are checked on every call, and
 * whether the user may still act is the database's answer, asked by the caller on every request.
 * Each caller gets its own copy of the payload.
 */
export function decodeSessionToken(token: string | null | undefined, secret: string, salt: string): SessionPayload | null {
  if (!token) return null;
  const cacheKey = `${salt}\u0000${secret}\u0000${token}`;
  let p = verified.get(cacheKey);
  if (p) {
    // Most recently used last: a Map iterates in insertion order, so the first key is the eviction's.
    verified.delete(cacheKey);
  } else {
    const genuine = verifyAndDecrypt(token, secret, salt);
    if (!genuine) return null;
    p = Object.freeze(genuine);
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  }
  const now = nowSeconds();
  if (typeof p.exp === "number" && p.exp + CLOCK_TOLERANCE_SECONDS <= now) return null; // expired: forgotten
  verified.set(cacheKey, p);
  if (typeof p.nbf === "number" && p.nbf - CLOCK_TOLERANCE_SECONDS > now) return null;
  return { ...p };
}

/** The payload of a token made with this secret and salt and not tampered with, or null; no clock checks. */
function verifyAndDecrypt(token: string, secret: string, salt: string): SessionPayload | null {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  const [headerB64, , ivB64, ctB64, tagB64] = parts as [string, string, string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(headerB64, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const h = header as { alg?: unknown; enc?: unknown; kid?: unknown; zip?: unknown };
  if (h.alg !== "dir" || h.enc !== ENC || h.zip !== undefined) return null;
  const key = derivedKey(secret, salt);
  if (h.kid !== undefined && h.kid !== key.kid) return null;
  const iv = Buffer.from(ivB64, "base64url");
  const ciphertext = Buffer.from(ctB64, "base64url");
  const given = Buffer.from(tagB64, "base64url");
  if (iv.length !== 16 || given.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  if (!crypto.timingSafeEqual(given, tag(key, Buffer.from(headerB64, "ascii"), iv, ciphertext))) return null;
  let payload: unknown;
  try {
    const decipher = crypto.createDecipheriv("aes-256-cbc", key.encKey, iv);
    payload = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  return payload as SessionPayload;
}

/** The session cookie's names: Auth.js prefixes `__Secure-` when the site is served over https. */
export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/**
 * The session token and the cookie name it was found under (the name is the key's salt), from a
 * cookie reader; Auth.js splits a token over 4 kB into `name.0`, `name.1`, … and those are joined.
 */
export function readSessionCookie(get: (name: string) => string | undefined): { token: string; name: string } | null {
  for (const name of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    const whole = get(name);
    if (whole) return { token: whole, name };
    let joined = "";
    for (let i = 0; ; i++) {
      const chunk = get(`${name}.${i}`);
      if (chunk === undefined) break;
      joined += chunk;
    }
    if (joined) return { token: joined, name };
  }
  return null;
}
