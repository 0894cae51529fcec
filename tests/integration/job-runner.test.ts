import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import type { Actor } from "../../lib/auth/permissions";
import { enqueueJob, getJobQueue, stopJobQueue } from "../../lib/jobs/job-queue";
import { JOB_NAMES, QUEUE_SETTINGS } from "../../lib/jobs/job-names";
import { listFailedJobs, listScheduledRuns, retryFailedJob } from "../../lib/jobs/list-jobs";
import { runQueuedJobs } from "../../lib/jobs/run-queued-jobs";
import { startJobRunner, stopJobRunner } from "../../lib/jobs/start-job-runner";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
let actors: Awaited<ReturnType<typeof createActors>>;

beforeAll(async () => {
  actors = await createActors();
});
afterAll(() => stopJobQueue());

const NAME = JOB_NAMES.sourceSweep; // any queue: the handler is replaced below
const failing = { [NAME]: async () => Promise.reject(new Error("upstream said no")) };

async function jobState(id: string) {
  const job = await (await getJobQueue()).getJobById(NAME, id);
  return job!;
}

/** Time passes for the queue: the waiting retry becomes due now. */
async function makeDue(id: string) {
  await db.handle().db.execute(sql`update pgboss.job set start_after = now() where id = ${id}::uuid`);
}

describe("job runner", () => {
  it("runs a job once and completes it", async () => {
    let runs = 0;
    const id = await enqueueJob(NAME, { n: 1 });
    const summary = await runQueuedJobs({ only: [NAME], handlers: { [NAME]: async () => void runs++ } });
    expect(summary).toEqual({ completed: 1, failed: 0, errors: [] });
    expect(runs).toBe(1);
    expect((await jobState(id!)).state).toBe("completed");
    expect(await runQueuedJobs({ only: [NAME] })).toEqual({ completed: 0, failed: 0, errors: [] });
  });

  it("retries a failing job with growing delays, then keeps it as failed for admins", async () => {
    const id = (await enqueueJob(NAME, { n: 2 }))!;
    const { retryLimit, retryDelay } = QUEUE_SETTINGS[NAME];
    const delays: number[] = [];
    for (let attempt = 1; attempt <= retryLimit; attempt++) {
      const summary = await runQueuedJobs({ only: [NAME], handlers: failing });
      expect(summary).toMatchObject({ failed: 1, errors: ["upstream said no"] });
      const job = await jobState(id);
      expect(job.state).toBe("retry");
      expect(job.retryCount).toBe(attempt - 1); // pg-boss counts a retry when it hands the job out again
      delays.push((job.startAfter.getTime() - Date.now()) / 1000);
      // Not due yet: a run now does nothing.
      expect((await runQueuedJobs({ only: [NAME], handlers: failing })).failed).toBe(0);
      await makeDue(id);
    }
    expect(delays[0]).toBeGreaterThan(retryDelay * 0.5);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!); // backoff
    await runQueuedJobs({ only: [NAME], handlers: failing });
    expect((await jobState(id)).state).toBe("failed");

    const failed = await listFailedJobs(actors.admin);
    expect(failed.find((j) => j.id === id)).toMatchObject({ name: NAME, state: "failed", error: "upstream said no" });
    for (const who of [actors.editor, actors.reviewer] as Actor[]) {
      await expect(listFailedJobs(who)).rejects.toMatchObject({ code: "forbidden" });
    }

    // An admin retries it once the cause is fixed; it then runs and leaves the failed list.
    await retryFailedJob(actors.admin, { name: NAME, id });
    expect(await runQueuedJobs({ only: [NAME], handlers: { [NAME]: async () => {} } })).toMatchObject({ completed: 1 });
    expect((await listFailedJobs(actors.admin)).some((j) => j.id === id)).toBe(false);
  });

  it("refuses a retry of a job that did not fail, and bad input, with the project's errors", async () => {
    const id = (await enqueueJob(NAME, { n: 3 }))!;
    await expect(retryFailedJob(actors.admin, { name: NAME, id })).rejects.toMatchObject({ code: "not_found" });
    const err = await retryFailedJob(actors.admin, { name: "nope", id: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields).toMatchObject({ name: expect.any(String), id: expect.any(String) });
    await expect(retryFailedJob(actors.editor, { name: NAME, id })).rejects.toMatchObject({ code: "forbidden" });
    await runQueuedJobs({ only: [NAME], handlers: { [NAME]: async () => {} } });
  });

  it("registers the schedules when the runner starts, and lists scheduled runs", async () => {
    await stopJobQueue();
    await startJobRunner();
    try {
      const schedules = await (await getJobQueue()).getSchedules();
      expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual([
        [JOB_NAMES.recheckSweep, "7 4 * * *"],
        [JOB_NAMES.sourceSweep, "17 3 * * *"],
      ]);
      const runs = await listScheduledRuns(actors.admin);
      expect(runs.filter((r) => r.name === NAME).length).toBeGreaterThanOrEqual(3);
    } finally {
      await stopJobRunner();
    }
  });
});
