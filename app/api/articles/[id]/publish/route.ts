import { apiRoute, json } from "@/lib/http/api";
import { publishReport } from "@/lib/reports/publish-report";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => json(await publishReport(actor, params.id), 201));
