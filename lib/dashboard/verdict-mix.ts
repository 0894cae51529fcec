import "server-only";
import { and, gte, isNotNull, lte, sql } from "drizzle-orm";
import { claims } from "@/db/schema";
import { VERDICTS, type Verdict } from "@/domain/vocabulary";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { lastMonths } from "./periods";

export const VERDICT_MONTHS = 6;

export interface MonthlyVerdicts {
  /** First day of the month, "YYYY-MM-DD" (UTC). */
  month: string;
  counts: Record<Verdict, number>;
  total: number;
}

/**
 * Approved claims per verdict per month over the last 6 months (the current one last), each
 * claim by its latest approval and its verdict now.
 */
export async function getVerdictMix(actor: Actor | null, now = new Date()): Promise<MonthlyVerdicts[]> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const { keys, from } = lastMonths(now, VERDICT_MONTHS);
  const db = await getDb();
  const month = sql<string>`to_char(date_trunc('month', ${claims.approvedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ month, verdict: claims.verdict, n: sql<number>`count(*)::int` })
    .from(claims)
    .where(and(isNotNull(claims.approvedAt), gte(claims.approvedAt, from), lte(claims.approvedAt, now)))
    .groupBy(month, claims.verdict);
  return keys.map((key) => {
    const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
    for (const r of rows) if (r.month === key) counts[r.verdict] = Number(r.n);
    return { month: key, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
}
