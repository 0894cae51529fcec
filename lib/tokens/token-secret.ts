import crypto from "node:crypto";

/** `fcd_` and 256 random bits: recognisable in logs and secret scanners, unguessable. */
export const TOKEN_PREFIX = "fcd_";
const TOKEN_SHAPE = /^fcd_[A-Za-z0-9_-]{43}$/;

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
}

export function isTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}
