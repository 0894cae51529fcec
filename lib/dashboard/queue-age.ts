import "server-only";
import { eq, sql } from "drizzle-orm";
import { claims } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";

export interface QueueAge {
  /** Claims in review now. */
  inReview: number;
  /** When the longest-waiting claim was submitted (ISO), null with an empty queue. */
  oldestSubmittedAt: string | null;
  /** Hours the longest-waiting claim has waited, and the median wait; null with an empty queue. */
  oldestHours: number | null;
  medianHours: number | null;
}

const hours = (seconds: unknown) => (seconds === null ? null : Math.round((Number(seconds) / 3600) * 10) / 10);

/** The review queue now: its size, its oldest claim and its median age (read from claims_queue_idx). */
export async function getQueueAge(actor: Actor | null, now = new Date()): Promise<QueueAge> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const db = await getDb();
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      oldest: sql<string | null>`to_char(min(${claims.submittedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      oldestSeconds: sql<
        number | null
      >`extract(epoch from ${now.toISOString()}::timestamptz - min(${claims.submittedAt}))::float8`,
      medianSeconds: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${now.toISOString()}::timestamptz - ${claims.submittedAt})::float8)`,
    })
    .from(claims)
    .where(eq(claims.status, "in_review"));
  return {
    inReview: Number(row?.n ?? 0),
    oldestSubmittedAt: row?.oldest ?? null,
    oldestHours: hours(row?.oldestSeconds ?? null),
    medianHours: hours(row?.medianSeconds ?? null),
  };
}
