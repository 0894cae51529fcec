import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { bucketRows, weekBuckets } from "./periods";
import { rowsOf } from "./rows";
import { ACTIVITY_WEEKS } from "./weekly-activity";

export interface WeeklyApprovalTime {
  /** Monday of the week, "YYYY-MM-DD" (UTC). */
  week: string;
  approvals: number;
  /** Median hours from submission to approval of the claims approved that week; null with none. */
  medianHours: number | null;
}

/**
 * Median time from submission to approval, per week of approval, over the last 12 weeks: each
 * claim by its latest approval and the submission it approved (a claim sent back to review since
 * has a later submission and is left out). Each week is a range of claims_approved_at_idx, which
 * holds submitted_at too, so the median is read index-only.
 */
export async function getApprovalTimes(actor: Actor | null, now = new Date()): Promise<WeeklyApprovalTime[]> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const buckets = weekBuckets(now, ACTIVITY_WEEKS);
  const db = await getDb();
  const result = await db.execute(sql`
    select b.key, s.n, s.median
    from ${bucketRows(buckets)}
    cross join lateral (
      select count(*)::int as n,
        percentile_cont(0.5) within group (order by extract(epoch from c.approved_at - c.submitted_at)::float8) as median
      from claims c
      where c.approved_at >= b.start_at and c.approved_at < b.end_at and c.submitted_at <= c.approved_at
    ) s`);
  const byKey = new Map(rowsOf<{ key: string; n: number; median: number | null }>(result).map((r) => [r.key, r]));
  return buckets.map(({ key }) => {
    const r = byKey.get(key);
    const median = r?.median ?? null;
    return {
      week: key,
      approvals: Number(r?.n ?? 0),
      medianHours: median === null ? null : Math.round((Number(median) / 3600) * 10) / 10,
    };
  });
}
