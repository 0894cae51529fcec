import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { WebhookDeliveryStatus } from "@/domain/vocabulary";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { getDb, type Db, type Tx } from "@/lib/database";
import { JOB_NAMES, QUEUE_SETTINGS } from "../jobs/job-names";
import { SafeFetchError, type SafeFetchErrorCode, safeFetch } from "../net/safe-fetch";
import { decryptWebhookSecret } from "./webhook-secret";
import { webhookHeaders } from "./webhook-signature";

/** Automatic attempts of one delivery: the first and the queue's retries (with doubling delays). */
export const WEBHOOK_MAX_ATTEMPTS = QUEUE_SETTINGS[JOB_NAMES.webhookDeliver].retryLimit + 1;

/** A receiver answers quickly and briefly; redirects are not followed (a 3xx is a failed attempt). */
export const WEBHOOK_FETCH_LIMITS = { maxRedirects: 0, maxBytes: 16 * 1024, connectTimeoutMs: 5_000, timeoutMs: 10_000 };

/** Refusals that a retry cannot change: the delivery fails at once. */
const PERMANENT: ReadonlySet<SafeFetchErrorCode> = new Set([
  "disabled",
  "invalid_url",
  "scheme_not_allowed",
  "credentials_in_url",
  "address_not_allowed",
]);

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** Not worth retrying (refused address, unreadable secret…). */
  permanent: boolean;
}

interface Target {
  id: string;
  body: string;
  status: WebhookDeliveryStatus;
  url: string;
  enabled: boolean;
  secretEncrypted: string;
}

export async function loadTarget(db: Db | Tx, deliveryId: string): Promise<Target | undefined> {
  const [row] = await db
    .select({
      id: webhookDeliveries.id,
      body: webhookDeliveries.body,
      status: webhookDeliveries.status,
      url: webhookEndpoints.url,
      enabled: webhookEndpoints.enabled,
      secretEncrypted: webhookEndpoints.secretEncrypted,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row;
}

/** One POST of the frozen body, signed now, through the outbound rules of lib/net/safe-fetch.ts. */
export async function sendWebhook(target: Target): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let secret: string;
  try {
    secret = decryptWebhookSecret(target.secretEncrypted);
  } catch (err) {
    return { ok: false, statusCode: null, durationMs: 0, error: (err as Error).message, permanent: true };
  }
  try {
    const res = await safeFetch(target.url, {
      method: "POST",
      headers: webhookHeaders(secret, target.id, target.body),
      body: target.body,
      ...WEBHOOK_FETCH_LIMITS,
    });
    const ok = res.status >= 200 && res.status < 300;
    const error = ok
      ? null
      : res.status >= 300 && res.status < 400
        ? `HTTP ${res.status}: redirects are not followed for webhooks`
        : `HTTP ${res.status}`;
    return { ok, statusCode: res.status, durationMs: elapsed(), error, permanent: false };
  } catch (err) {
    if (err instanceof SafeFetchError) {
      return { ok: false, statusCode: null, durationMs: elapsed(), error: err.message, permanent: PERMANENT.has(err.code) };
    }
    return { ok: false, statusCode: null, durationMs: elapsed(), error: (err as Error).message ?? String(err), permanent: false };
  }
}

/** Logs an attempt and moves the delivery to its new state; pass the transaction of any audit row. */
export async function recordAttempt(
  tx: Tx,
  deliveryId: string,
  outcome: AttemptOutcome,
  status: WebhookDeliveryStatus,
  manual: boolean,
): Promise<void> {
  const at = new Date(Date.now() - outcome.durationMs);
  await tx.insert(webhookAttempts).values({
    deliveryId,
    at,
    statusCode: outcome.statusCode,
    durationMs: outcome.durationMs,
    error: outcome.error?.slice(0, 1000) ?? null,
    ok: outcome.ok,
    manual,
  });
  await tx
    .update(webhookDeliveries)
    .set({
      status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastAttemptAt: at,
      ...(outcome.ok ? { succeededAt: sql`coalesce(${webhookDeliveries.succeededAt}, now())` } : {}),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
}

const jobSchema = z.object({ deliveryId: z.uuid() });

/**
 * The `webhook-deliver` job. Safe to run twice: a delivery that already succeeded (or failed for
 * good) is not sent again. A failed attempt throws while attempts remain, so the queue retries it
 * with a doubling delay; the last one marks the delivery failed and ends the job.
 */
export async function deliverWebhook(data: unknown): Promise<{ status: WebhookDeliveryStatus | "gone" }> {
  const { deliveryId } = jobSchema.parse(data);
  const db = await getDb();
  const target = await loadTarget(db, deliveryId);
  if (!target) return { status: "gone" }; // the endpoint was deleted
  if (target.status !== "pending") return { status: target.status };
  const outcome: AttemptOutcome = target.enabled
    ? await sendWebhook(target)
    : { ok: false, statusCode: null, durationMs: 0, error: "The endpoint is disabled: not sent.", permanent: true };
  const status = await db.transaction(async (tx) => {
    const [{ automatic } = { automatic: 0 }] = await tx
      .select({ automatic: count() })
      .from(webhookAttempts)
      .where(and(eq(webhookAttempts.deliveryId, deliveryId), eq(webhookAttempts.manual, false)));
    const next: WebhookDeliveryStatus = outcome.ok
      ? "succeeded"
      : outcome.permanent || automatic + 1 >= WEBHOOK_MAX_ATTEMPTS
        ? "failed"
        : "pending";
    await recordAttempt(tx, deliveryId, outcome, next, false);
    return next;
  });
  if (status === "pending") throw new Error(`Webhook delivery ${deliveryId} failed (${outcome.error}); it will be retried.`);
  return { status };
}
