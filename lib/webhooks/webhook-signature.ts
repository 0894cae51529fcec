import crypto from "node:crypto";

/**
 * The signature a receiver checks (docs/api.md, Webhooks): `v1=` and the hex HMAC-SHA256, keyed
 * with the endpoint's secret (the whole `whsec_…` string as UTF-8), of the `Webhook-Timestamp`
 * value (Unix seconds), a full stop, and the request body exactly as sent.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** The headers of one attempt. The id stays the same on every attempt, so a receiver can drop repeats. */
export function webhookHeaders(secret: string, deliveryId: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    "content-type": "application/json",
    accept: "*/*",
    "webhook-id": deliveryId,
    "webhook-timestamp": timestamp,
    "webhook-signature": signWebhook(secret, timestamp, body),
  };
}
