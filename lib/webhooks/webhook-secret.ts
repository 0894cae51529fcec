import crypto from "node:crypto";
import { env } from "../env";

/**
 * Webhook signing secrets. Unlike an API token, which the server only has to recognise (so it keeps
 * a hash), a signing secret must be read back to sign every delivery: it is stored encrypted with
 * AES-256-GCM under a key derived from AUTH_SECRET by HKDF (its own `info`, so the key is used for
 * nothing else). A database dump alone does not give the secrets away; the app's AUTH_SECRET does.
 * Changing AUTH_SECRET makes the stored secrets unreadable: deliveries then fail with a message
 * saying so, and the endpoints must be created again (docs/api.md).
 */

/** `whsec_` and 256 random bits. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
}

function key(authSecret: string | undefined): Buffer {
  if (!authSecret) throw new Error("AUTH_SECRET is not set: webhook secrets cannot be stored or read without it.");
  return Buffer.from(crypto.hkdfSync("sha256", authSecret, "fact-check-desk", "webhook-secret v1", 32));
}

const b64 = (b: Buffer) => b.toString("base64url");

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptWebhookSecret(secret: string, authSecret = env.AUTH_SECRET): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(authSecret), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(data)}`;
}

export class WebhookSecretUnreadable extends Error {}

export function decryptWebhookSecret(stored: string, authSecret = env.AUTH_SECRET): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new WebhookSecretUnreadable("The stored secret is malformed.");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(authSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new WebhookSecretUnreadable(
      "The endpoint's secret cannot be read with this AUTH_SECRET (was it changed?). Delete the endpoint and add it again.",
    );
  }
}
