import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { env } from "../env";
import { enqueueJob } from "../jobs/job-queue";
import { JOB_NAMES } from "../jobs/job-names";

/** Most checks one sweep enqueues; the rest wait for the next sweep (oldest first). */
const SWEEP_LIMIT = 5_000;

/**
 * The scheduled "source-sweep" job: enqueues a check of every source whose current URL was never
 * checked or not within SOURCE_RECHECK_DAYS. Idempotent: the check queue keeps one waiting job per
 * source, so a repeated sweep adds nothing.
 */
export async function sweepSources(): Promise<{ enqueued: number }> {
  const db = await getDb();
  const result = await db.execute(sql`
    select s.id from sources s
    left join lateral (
      select max(ss.fetched_at) as last from source_snapshots ss where ss.source_id = s.id and ss.url = s.url
    ) l on true
    where l.last is null or l.last < now() - make_interval(days => ${env.SOURCE_RECHECK_DAYS})
    order by l.last nulls first, s.id
    limit ${SWEEP_LIMIT}`);
  const rows = ((result as { rows?: { id: string }[] }).rows ?? (result as unknown as { id: string }[])) as { id: string }[];
  let enqueued = 0;
  for (const { id } of rows) {
    if (await enqueueJob(JOB_NAMES.sourceCheck, { sourceId: id }, { singletonKey: id })) enqueued++;
  }
  return { enqueued };
}
