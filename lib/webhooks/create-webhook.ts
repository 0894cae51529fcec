import "server-only";
import { webhookEndpoints } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { createWebhookSchema } from "./schemas";
import { encryptWebhookSecret, newWebhookSecret } from "./webhook-secret";
import { toWebhookView, type WebhookView } from "./webhook-view";

/**
 * An admin registers an endpoint. The server makes the signing secret and returns it this once;
 * it is stored encrypted (lib/webhooks/webhook-secret.ts) so that deliveries can be signed.
 */
export async function createWebhook(actor: Actor | null, input: unknown): Promise<{ webhook: WebhookView; secret: string }> {
  const user = await authorize(actor, "webhooks:manage", { type: "webhook" });
  const data = parseInput(createWebhookSchema, input);
  const secret = newWebhookSecret();
  const secretEncrypted = encryptWebhookSecret(secret);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        name: data.name,
        url: data.url,
        events: data.events,
        enabled: data.enabled,
        secretEncrypted,
        secretPrefix: secret.slice(0, 12),
        createdBy: user.id,
      })
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.create",
      targetType: "webhook",
      targetId: row!.id,
      after: { name: data.name, url: data.url, events: data.events, enabled: data.enabled },
    });
    return { webhook: toWebhookView(row!), secret };
  });
}
