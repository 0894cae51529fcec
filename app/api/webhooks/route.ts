import { apiRoute, json, readJson } from "@/lib/http/api";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

/** Every webhook endpoint (admin scope), never their secrets. */
export const GET = apiRoute(async ({ actor }) => json({ webhooks: await listWebhooks(actor) }));

/** `{name, url, events, enabled?}` → 201 `{webhook, secret}`: the signing secret is shown this once. */
export const POST = apiRoute(async ({ actor, request }) => json(await createWebhook(actor, await readJson(request)), 201));
