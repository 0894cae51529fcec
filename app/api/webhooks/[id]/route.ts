import { apiRoute, json, readJson } from "@/lib/http/api";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/list-webhooks";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json({ webhook: await getWebhook(actor, params.id) }));

/** `{version, name?, url?, events?, enabled?}`; a stale version is a 409 with the current endpoint. */
export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ webhook: await updateWebhook(actor, params.id, await readJson(request)) }),
);

/** Deletes the endpoint and its delivery log. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => json(await deleteWebhook(actor, params.id)));
