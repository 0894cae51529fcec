import "server-only";
import { enqueueJob, isJobQueueOpen } from "../jobs/job-queue";
import { JOB_NAMES } from "../jobs/job-names";

/**
 * Asks for a check of a source just attached or whose URL changed, after its transaction committed.
 * Only where the job queue runs (the app server); elsewhere (scripts, tests that do not start it)
 * the next source sweep checks it. Never fails the user's edit: a queue error is logged, and the
 * sweep catches up.
 */
export async function requestSourceCheck(sourceId: string): Promise<void> {
  try {
    if (!(await isJobQueueOpen())) return;
    await enqueueJob(JOB_NAMES.sourceCheck, { sourceId }, { singletonKey: sourceId });
  } catch (err) {
    console.error(`[jobs] could not enqueue a check of source ${sourceId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
