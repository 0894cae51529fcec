import "server-only";
import { env } from "../env";
import { getJobQueue } from "./job-queue";
import { startJobRunner } from "./start-job-runner";

/**
 * What the app server does at start (instrumentation.ts): open the queue, so use cases can
 * enqueue, and run the workers and schedules unless JOBS_RUNNER=off. A failure (database down) is
 * logged and does not stop the server: requests still work, and the queue opens on the next enqueue
 * attempt's sweep; restart the instance to get the workers back.
 */
export async function bootJobs(): Promise<void> {
  try {
    if (env.JOBS_RUNNER === "on") await startJobRunner();
    else await getJobQueue();
  } catch (err) {
    console.error(`[jobs] the job runner did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}
