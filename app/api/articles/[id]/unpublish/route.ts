import { originOf } from "@/lib/http/request-origin";
import { apiRoute, json } from "@/lib/http/api";
import { unpublishReport } from "@/lib/reports/unpublish-report";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await unpublishReport(actor, params.id, { origin: originOf(request.headers) })),
);
