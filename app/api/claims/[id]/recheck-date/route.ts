import { apiRoute, json, readJson } from "@/lib/http/api";
import { setRecheckDate } from "@/lib/recheck/set-recheck-date";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ claim: await setRecheckDate(actor, params.id, await readJson(request)) }),
);
