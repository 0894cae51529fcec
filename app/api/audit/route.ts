import { listAuditEvents } from "@/lib/audit/list-audit";
import { apiRoute, json } from "@/lib/http/api";

export const GET = apiRoute(async ({ actor, request }) =>
  json(await listAuditEvents(actor, Object.fromEntries(new URL(request.url).searchParams))),
);
