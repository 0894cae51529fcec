import { apiRoute, json } from "@/lib/http/api";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhooks";

/** The endpoint's delivery log, newest first, `?page=N` (20 a page), each with its attempts. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const page = new URL(request.url).searchParams.get("page") ?? undefined;
  return json(await listWebhookDeliveries(actor, params.id, page === undefined ? {} : { page }));
});
