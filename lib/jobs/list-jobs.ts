import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import { getJobQueue } from "./job-queue";
import { JOB_NAMES, SCHEDULED_JOBS, type JobName } from "./job-names";

export interface JobListItem {
  id: string;
  name: string;
  state: string;
  data: unknown;
  /** The error a failed job ended with. */
  error: string | null;
  retryCount: number;
  createdAt: string;
  completedAt: string | null;
}

type JobRow = {
  id: string;
  name: string;
  state: string;
  data: unknown;
  output: unknown;
  retry_count: number;
  created_on: Date | string;
  completed_on: Date | string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toItem(r: JobRow): JobListItem {
  const output = r.output as { message?: unknown } | null;
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    data: r.data,
    error: output && typeof output.message === "string" ? output.message : null,
    retryCount: r.retry_count,
    createdAt: iso(r.created_on)!,
    completedAt: iso(r.completed_on),
  };
}

const rowsOf = (r: unknown) => ((r as { rows?: JobRow[] }).rows ?? (r as JobRow[])).map(toItem);

// pg-boss keeps a job in pgboss.job until it is archived (pgboss.archive, then deleted after 14
// days): both are read. The schema exists once the queue has started (lib/jobs/job-queue.ts).
const JOB_COLUMNS = sql.raw("id, name, state::text as state, data, output, retry_count, created_on, completed_on");

/** Jobs that failed for good (out of retries), newest first: what an admin must look at. */
export async function listFailedJobs(actor: Actor | null, limit = 50): Promise<JobListItem[]> {
  await authorize(actor, "jobs:manage", { type: "jobs" });
  await getJobQueue();
  const db = await getDb();
  const result = await db.execute(sql`
    select * from (
      select ${JOB_COLUMNS} from pgboss.job where state = 'failed'
      union all
      select ${JOB_COLUMNS} from pgboss.archive where state = 'failed'
    ) j order by completed_on desc nulls last, id limit ${limit}`);
  return rowsOf(result);
}

/** The latest runs of the scheduled jobs (any state): shows that each ran once per period. */
export async function listScheduledRuns(actor: Actor | null, limit = 20): Promise<JobListItem[]> {
  await authorize(actor, "jobs:manage", { type: "jobs" });
  await getJobQueue();
  const db = await getDb();
  const names = sql.join(
    SCHEDULED_JOBS.map((n) => sql`${n}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select * from (
      select ${JOB_COLUMNS} from pgboss.job where name in (${names})
      union all
      select ${JOB_COLUMNS} from pgboss.archive where name in (${names})
    ) j order by created_on desc, id limit ${limit}`);
  return rowsOf(result);
}

const retrySchema = z.strictObject({
  name: z.enum(Object.values(JOB_NAMES) as [JobName, ...JobName[]]),
  id: z.uuid(),
});

/** Puts a failed job back in its queue (an admin fixed the cause); audited. */
export async function retryFailedJob(actor: Actor | null, input: unknown): Promise<void> {
  const user = await authorize(actor, "jobs:manage", { type: "jobs" });
  const { name, id } = parseInput(retrySchema, input);
  const boss = await getJobQueue();
  const job = await boss.getJobById(name, id);
  if (!job || job.state !== "failed") throw notFound("A failed job with that id");
  await boss.retry(name, id);
  await recordAudit(await getDb(), { actorId: user.id, action: "job.retry", targetType: "job", targetId: id, meta: { name } });
}
