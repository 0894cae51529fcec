"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, serverAction } from "@/lib/http/action";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

// Server actions are public endpoints: lib/ validates the input and authorizes the acting user.

export async function createWebhookAction(input: unknown): Promise<ActionResult<{ webhook: WebhookView; secret: string }>> {
  const result = await serverAction((actor) => createWebhook(actor, input));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function updateWebhookAction(webhookId: unknown, input: unknown): Promise<ActionResult<WebhookView>> {
  const result = await serverAction((actor) => updateWebhook(actor, String(webhookId), input));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function deleteWebhookAction(webhookId: unknown): Promise<ActionResult<{ deleted: string }>> {
  const result = await serverAction((actor) => deleteWebhook(actor, String(webhookId)));
  if (result.ok) revalidatePath("/admin/webhooks");
  return result;
}

export async function redeliverWebhookAction(
  webhookId: unknown,
  deliveryId: unknown,
): Promise<ActionResult<Awaited<ReturnType<typeof redeliverWebhook>>>> {
  const result = await serverAction((actor) => redeliverWebhook(actor, String(webhookId), String(deliveryId)));
  if (result.ok) revalidatePath(`/admin/webhooks/${String(webhookId)}`);
  return result;
}
