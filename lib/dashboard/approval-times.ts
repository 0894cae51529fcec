import "server-only";
import { and, gte, isNotNull, lte, sql } from "drizzle-orm";
import { claims } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { lastWeeks } from "./periods";
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
 * has a later submission and is left out).
 */
export async function getApprovalTimes(actor: Actor | null, now = new Date()): Promise<WeeklyApprovalTime[]> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const { keys, from } = lastWeeks(now, ACTIVITY_WEEKS);
  const db = await getDb();
  const week = sql<string>`to_char(date_trunc('week', ${claims.approvedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      week,
      n: sql<number>`count(*)::int`,
      median: sql<number>`percentile_cont(0.5) within group (order by extract(epoch from ${claims.approvedAt} - ${claims.submittedAt})::float8)`,
    })
    .from(claims)
    .where(
      and(
        isNotNull(claims.approvedAt),
        gte(claims.approvedAt, from),
        lte(claims.approvedAt, now),
        sql`${claims.submittedAt} <= ${claims.approvedAt}`,
      ),
    )
    .groupBy(week);
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return keys.map((key) => {
    const row = byWeek.get(key);
    return {
      week: key,
      approvals: row ? Number(row.n) : 0,
      medianHours: row && row.median !== null ? Math.round((Number(row.median) / 3600) * 10) / 10 : null,
    };
  });
}
