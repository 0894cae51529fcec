import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { enqueueJob } from "./job-queue";
import { SCHEDULED_JOBS } from "./job-names";

export const triggerSchema = z.strictObject({ name: z.enum(SCHEDULED_JOBS) });

/**
 * An admin runs a scheduled job now instead of waiting for its time (it is queued like the cron
 * sender queues it, and a worker of any instance takes it once). Audited.
 */
export async function triggerScheduledJob(actor: Actor | null, input: unknown): Promise<{ jobId: string | null }> {
  const user = await authorize(actor, "jobs:manage", { type: "jobs" });
  const { name } = parseInput(triggerSchema, input);
  const jobId = await enqueueJob(name, {});
  await recordAudit(await getDb(), {
    actorId: user.id,
    action: "job.trigger",
    targetType: "job",
    targetId: jobId,
    meta: { name },
  });
  return { jobId };
}
