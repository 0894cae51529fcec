import "server-only";
import { env } from "../env";
import { getJobQueue, stopJobQueue } from "./job-queue";
import { JOB_NAMES, SCHEDULED_JOBS, type JobName } from "./job-names";
import { JOB_HANDLERS } from "./job-handlers";

const CRON: Record<(typeof SCHEDULED_JOBS)[number], () => string> = {
  [JOB_NAMES.sourceSweep]: () => env.JOBS_SOURCE_SWEEP_CRON,
  [JOB_NAMES.recheckSweep]: () => env.JOBS_RECHECK_CRON,
};

/**
 * Starts the background workers and the schedules in this process (called by instrumentation.ts
 * in the Next.js server). Every app instance may run it: pg-boss hands each job to one worker, and
 * sends each scheduled job once per period across instances.
 */
export async function startJobRunner(): Promise<void> {
  const boss = await getJobQueue({ supervise: true, schedule: true });
  for (const name of Object.values(JOB_NAMES) as JobName[]) {
    const handler = JOB_HANDLERS[name];
    await boss.work<object>(name, { batchSize: 1, pollingIntervalSeconds: env.JOBS_POLL_SECONDS }, async (jobs) => {
      // A throw fails the job; pg-boss retries it with backoff (QUEUE_SETTINGS) and keeps it as failed after that.
      for (const job of jobs) await handler(job.data);
    });
  }
  for (const name of SCHEDULED_JOBS) await boss.schedule(name, CRON[name](), {}, { tz: "UTC" });
}

/** Stops workers and schedules (waits for running jobs); jobs left unfinished are retried on expiry. */
export const stopJobRunner = () => stopJobQueue();
