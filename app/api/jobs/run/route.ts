import { apiRoute, json, readJson } from "@/lib/http/api";
import { triggerScheduledJob } from "@/lib/jobs/trigger-scheduled-job";

export const POST = apiRoute(async ({ actor, request }) => json(await triggerScheduledJob(actor, await readJson(request)), 202));
