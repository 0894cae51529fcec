import "server-only";
import { and, gte, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { claims } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { lastWeeks } from "./periods";

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
 * A claim counts by its creation, its latest submission and its latest approval (the columns on
 * `claims`, each read as a date-bounded range of its own index).
 */
export async function getWeeklyActivity(actor: Actor | null, now = new Date()): Promise<WeeklyActivity[]> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const { keys, from } = lastWeeks(now, ACTIVITY_WEEKS);
  const db = await getDb();
  const perWeek = async (column: AnyPgColumn, extra?: SQL) => {
    const week = sql<string>`to_char(date_trunc('week', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;
    const rows = await db
      .select({ week, n: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(isNotNull(column), gte(column, from), lte(column, now), extra))
      .groupBy(week);
    return new Map(rows.map((r) => [r.week, Number(r.n)]));
  };
  const [marked, submitted, approved] = await Promise.all([
    perWeek(claims.createdAt),
    perWeek(claims.submittedAt),
    perWeek(claims.approvedAt),
  ]);
  return keys.map((week) => ({
    week,
    marked: marked.get(week) ?? 0,
    submitted: submitted.get(week) ?? 0,
    approved: approved.get(week) ?? 0,
  }));
}
