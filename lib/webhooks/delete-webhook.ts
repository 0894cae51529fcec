import "server-only";
import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { isUuid } from "../validation";

/**
 * Deletes an endpoint with its delivery log. Delivery jobs still queued for it find nothing to send
 * and end (lib/webhooks/deliver-webhook.ts).
 */
export async function deleteWebhook(actor: Actor | null, webhookId: string): Promise<{ deleted: string }> {
  const user = await authorize(actor, "webhooks:manage", { type: "webhook", id: webhookId });
  if (!isUuid(webhookId)) throw notFound("That webhook endpoint");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, webhookId)).returning();
    if (!row) throw notFound("That webhook endpoint");
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.delete",
      targetType: "webhook",
      targetId: webhookId,
      before: { name: row.name, url: row.url, events: row.events, enabled: row.enabled },
    });
    return { deleted: webhookId };
  });
}
