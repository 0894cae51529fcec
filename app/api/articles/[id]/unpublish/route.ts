import { apiRoute, json } from "@/lib/http/api";
import { unpublishReport } from "@/lib/reports/publish-report";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => json(await unpublishReport(actor, params.id)));
