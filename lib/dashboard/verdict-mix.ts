import "server-only";
import { sql } from "drizzle-orm";
import { VERDICTS, type Verdict } from "@/domain/vocabulary";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { bucketRows, monthBuckets } from "./periods";
import { rowsOf } from "./rows";

export const VERDICT_MONTHS = 6;

export interface MonthlyVerdicts {
  /** First day of the month, "YYYY-MM-DD" (UTC). */
  month: string;
  counts: Record<Verdict, number>;
  total: number;
}

/**
 * Approved claims per verdict per month over the last 6 months (the current one last), each
 * claim by its latest approval and its verdict now; each month a range of claims_approved_at_idx
 * (which holds the verdict), read index-only.
 */
export async function getVerdictMix(actor: Actor | null, now = new Date()): Promise<MonthlyVerdicts[]> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const buckets = monthBuckets(now, VERDICT_MONTHS);
  const db = await getDb();
  const result = await db.execute(sql`
    select b.key, s.verdict, s.n
    from ${bucketRows(buckets)}
    cross join lateral (
      select c.verdict, count(*)::int as n from claims c
      where c.approved_at >= b.start_at and c.approved_at < b.end_at
      group by c.verdict
    ) s`);
  const rows = rowsOf<{ key: string; verdict: Verdict; n: number }>(result);
  return buckets.map(({ key }) => {
    const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
    for (const r of rows) if (r.key === key && r.verdict in counts) counts[r.verdict] = Number(r.n);
    return { month: key, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
}
