import { apiRoute, json, readJson } from "@/lib/http/api";
import { startRecheck } from "@/lib/recheck/start-recheck";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ claim: await startRecheck(actor, params.id, await readJson(request)) }),
);
