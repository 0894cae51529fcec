import { apiRoute, json } from "@/lib/http/api";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";

/** Sends the delivery's body again now (one attempt, logged and audited) and answers its outcome. */
export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ actor, params }) =>
  json(await redeliverWebhook(actor, params.id, params.deliveryId)),
);
