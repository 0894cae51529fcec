import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { bucketRows, weekBuckets } from "./periods";
import { rowsOf } from "./rows";

export const ACTIVITY_WEEKS = 12;

export interface WeeklyActivity {
  /** Monday of the week, "YYYY-MM-DD" (UTC). */
  week: string;
  marked: number;
  submitted: number;
  approved: number;
}

/**
 * Claims marked, submitted and approved per week over the last 12 weeks (the current one last).
 * A claim counts by its creation, its latest submission and its latest approval: each week is a
 * range count on the column's own index (claims_created_at_idx, claims_submitted_at_idx,
 * claims_approved_at_idx), read index-only.
 */
export async function getWeeklyActivity(actor: Actor | null, now = new Date()): Promise<WeeklyActivity[]> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const buckets = weekBuckets(now, ACTIVITY_WEEKS);
  const db = await getDb();
  const result = await db.execute(sql`
    select b.key,
      (select count(*) from claims c where c.created_at >= b.start_at and c.created_at < b.end_at)::int as marked,
      (select count(*) from claims c where c.submitted_at >= b.start_at and c.submitted_at < b.end_at)::int as submitted,
      (select count(*) from claims c where c.approved_at >= b.start_at and c.approved_at < b.end_at)::int as approved
    from ${bucketRows(buckets)}`);
  const byKey = new Map(
    rowsOf<{ key: string; marked: number; submitted: number; approved: number }>(result).map((r) => [r.key, r]),
  );
  return buckets.map(({ key }) => {
    const r = byKey.get(key);
    return {
      week: key,
      marked: Number(r?.marked ?? 0),
      submitted: Number(r?.submitted ?? 0),
      approved: Number(r?.approved ?? 0),
    };
  });
}
