"use server";

import { revalidatePath } from "next/cache";
import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, runAction } from "@/lib/http/action";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

// Server actions are public endpoints: lib/ validates the input and authorizes the acting user.

export async function createWebhookAction(input: unknown): Promise<ActionResult<{ webhook: WebhookView; secret: string }>> {
  const actor = await getCurrentActor();
  const result = await runAction(() => createWebhook(actor, input));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function updateWebhookAction(webhookId: unknown, input: unknown): Promise<ActionResult<WebhookView>> {
  const actor = await getCurrentActor();
  const result = await runAction(() => updateWebhook(actor, String(webhookId), input));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function deleteWebhookAction(webhookId: unknown): Promise<ActionResult<{ deleted: string }>> {
  const actor = await getCurrentActor();
  const result = await runAction(() => deleteWebhook(actor, String(webhookId)));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function redeliverWebhookAction(
  webhookId: unknown,
  deliveryId: unknown,
): Promise<ActionResult<Awaited<ReturnType<typeof redeliverWebhook>>>> {
  const actor = await getCurrentActor();
  const result = await runAction(() => redeliverWebhook(actor, String(webhookId), String(deliveryId)));
  if (result.ok) revalidatePath(`/admin/webhooks/${String(webhookId)}`);
  return result;
}
