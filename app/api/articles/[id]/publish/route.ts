import { originOf } from "@/lib/http/request-origin";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { publishReport } from "@/lib/reports/publish-report";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await publishReport(actor, params.id, await readJson(request), { origin: originOf(request.headers) }), 201),
);
