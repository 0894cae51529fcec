import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { rowsOf } from "./rows";

export interface QueueAge {
  /** Claims in review now. */
  inReview: number;
  /** When the longest-waiting claim was submitted (ISO), null with an empty queue. */
  oldestSubmittedAt: string | null;
  /** Hours the longest-waiting claim has waited, and the median wait; null with an empty queue. */
  oldestHours: number | null;
  medianHours: number | null;
}

const hoursSince = (now: Date, at: Date) => Math.round(((now.getTime() - at.getTime()) / 3_600_000) * 10) / 10;

/**
 * The review queue now: its size, its oldest claim and its median age. All three are read from
 * claims_queue_idx (in-review claims in submission order): the median is the middle entry of
 * that order, reached by offset, rather than a sort of every waiting claim.
 */
export async function getQueueAge(actor: Actor | null, now = new Date()): Promise<QueueAge> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const db = await getDb();
  const [head] = rowsOf<{ n: number; oldest: string | Date | null }>(
    await db.execute(sql`select count(*)::int as n, min(submitted_at) as oldest from claims where status = 'in_review'`),
  );
  const n = Number(head?.n ?? 0);
  if (n === 0 || !head?.oldest) return { inReview: 0, oldestSubmittedAt: null, oldestHours: null, medianHours: null };
  // The middle one (odd count) or the middle two (even count), averaged.
  const middle = rowsOf<{ at: string | Date }>(
    await db.execute(sql`select submitted_at as at from claims where status = 'in_review'
      order by submitted_at offset ${Math.floor((n - 1) / 2)} limit ${n % 2 === 1 ? 1 : 2}`),
  ).map((r) => hoursSince(now, new Date(r.at)));
  const oldest = new Date(head.oldest);
  return {
    inReview: n,
    oldestSubmittedAt: oldest.toISOString().replace(/\.\d{3}Z$/, "Z"),
    oldestHours: hoursSince(now, oldest),
    medianHours: Math.round((middle.reduce((a, b) => a + b, 0) / middle.length) * 10) / 10,
  };
}
