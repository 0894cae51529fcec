import "server-only";
import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { getDb } from "@/lib/database";
import { diffFields, recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { isUuid } from "../validation";
import { updateWebhookSchema } from "./schemas";
import { toWebhookView, type WebhookView } from "./webhook-view";

/** Renames, re-points, re-subscribes, enables or disables an endpoint, at the version the admin saw. */
export async function updateWebhook(actor: Actor | null, webhookId: string, input: unknown): Promise<WebhookView> {
  const user = await authorize(actor, "webhooks:manage", { type: "webhook", id: webhookId });
  const data = parseInput(updateWebhookSchema, input);
  if (!isUuid(webhookId)) throw notFound("That webhook endpoint");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhookId)).for("update");
    if (!row) throw notFound("That webhook endpoint");
    if (row.version !== data.version) {
      throw new AppError(
        "conflict",
        `This endpoint was changed since you opened it (you edited version ${data.version}, it is now at version ${row.version}). Nothing was saved.`,
        undefined,
        { current: toWebhookView(row) },
      );
    }
    const { version: _version, ...changes } = data;
    const diff = diffFields(
      { name: row.name, url: row.url, events: row.events, enabled: row.enabled } as Record<string, unknown>,
      changes,
    );
    if (!diff) return toWebhookView(row);
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, webhookId))
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "webhook.update",
      targetType: "webhook",
      targetId: webhookId,
      before: diff.before,
      after: diff.after,
      meta: { name: updated!.name },
    });
    return toWebhookView(updated!);
  });
}
