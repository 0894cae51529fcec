import "server-only";
import { and, eq } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { isUuid } from "../validation";
import { loadTarget, recordAttempt, sendWebhook } from "./deliver-webhook";
import { z } from "zod";
import type { WebhookDeliveryStatus } from "@/domain/vocabulary";
import { WEBHOOK_DELIVERY_STATUSES } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";
import { webhookAttemptViewSchema, type WebhookAttemptView } from "./webhook-view";

export interface RedeliveryResult {
  attempt: Omit<WebhookAttemptView, "id">;
  status: WebhookDeliveryStatus;
}

export const redeliveryResultSchema = viewSchema<RedeliveryResult>()(
  z.object({ attempt: webhookAttemptViewSchema.omit({ id: true }), status: z.enum(WEBHOOK_DELIVERY_STATUSES) }),
);

/**
 * An admin sends a delivery again, now: a new attempt of the same frozen body with the same
 * Webhook-Id (a fresh timestamp and signature), whatever its state. The attempt and its audit row
 * are written together; a success marks a pending or failed delivery succeeded.
 */
export async function redeliverWebhook(actor: Actor | null, webhookId: string, deliveryId: string): Promise<RedeliveryResult> {
  const user = await authorize(actor, "webhooks:manage", { type: "webhook", id: webhookId });
  if (!isUuid(webhookId) || !isUuid(deliveryId)) throw notFound("That delivery");
  const db = await getDb();
  const [owned] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, webhookId)));
  const target = owned && (await loadTarget(db, deliveryId));
  if (!target) throw notFound("That delivery");
  if (!target.enabled) throw new AppError("conflict", "The endpoint is disabled. Enable it to redeliver.");
  const outcome = await sendWebhook(target);
  const status = outcome.ok ? "succeeded" : target.status;
  await db.transaction(async (tx) => {
    await recordAttempt(tx, deliveryId, outcome, status, true);
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.redeliver",
      targetType: "webhook",
      targetId: webhookId,
      meta: { deliveryId, ok: outcome.ok, statusCode: outcome.statusCode, error: outcome.error },
    });
  });
  return {
    attempt: {
      at: new Date().toISOString(),
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
      ok: outcome.ok,
      manual: true,
    },
    status,
  };
}
