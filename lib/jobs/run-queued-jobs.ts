import "server-only";
import { getJobQueue } from "./job-queue";
import { JOB_NAMES, type JobName } from "./job-names";
import { JOB_HANDLERS, type JobHandlers } from "./job-handlers";

export interface RunSummary {
  completed: number;
  failed: number;
  /** Error messages of the failed jobs, in order. */
  errors: string[];
}

/**
 * Runs the jobs waiting now, in this process, until none is left; then returns. What tests (and
 * `npm run jobs -- run`) use instead of the polling workers, so a run is deterministic: no timers,
 * no sleeps. A job that throws is failed in the queue exactly as a worker would fail it (so it is
 * retried later with backoff, or listed as failed once out of retries). Jobs that other jobs
 * enqueue (a sweep enqueues source checks) run in the same call.
 */
export async function runQueuedJobs(
  options: { only?: readonly JobName[]; handlers?: Partial<JobHandlers>; maxJobs?: number } = {},
): Promise<RunSummary> {
  const boss = await getJobQueue();
  const handlers = { ...JOB_HANDLERS, ...options.handlers };
  const names = options.only ?? (Object.values(JOB_NAMES) as JobName[]);
  const summary: RunSummary = { completed: 0, failed: 0, errors: [] };
  const max = options.maxJobs ?? 10_000;
  let progressed = true;
  while (progressed && summary.completed + summary.failed < max) {
    progressed = false;
    for (const name of names) {
      const jobs = await boss.fetch<object>(name, { batchSize: 20 });
      for (const job of jobs) {
        progressed = true;
        try {
          await handlers[name](job.data);
          await boss.complete(name, job.id);
          summary.completed++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await boss.fail(name, job.id, { message });
          summary.failed++;
          summary.errors.push(message);
        }
      }
    }
  }
  return summary;
}
