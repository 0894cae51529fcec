import "server-only";
import { checkSource } from "../sources/check-source";
import { sweepSources } from "../sources/sweep-sources";
import { markDueClaims } from "../recheck/mark-due-claims";
import { deliverWebhook } from "../webhooks/deliver-webhook";
import { JOB_NAMES, type JobName } from "./job-names";

export type JobHandler = (data: unknown) => Promise<unknown>;
export type JobHandlers = Record<JobName, JobHandler>;

/** What each queue's jobs do. A handler validates its own data and is safe to run twice. */
export const JOB_HANDLERS: JobHandlers = {
  [JOB_NAMES.sourceCheck]: checkSource,
  [JOB_NAMES.sourceSweep]: () => sweepSources(),
  [JOB_NAMES.recheckSweep]: () => markDueClaims(),
  [JOB_NAMES.webhookDeliver]: deliverWebhook,
};
