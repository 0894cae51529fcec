import { sql, type SQL } from "drizzle-orm";

/**
 * The dashboard's time buckets, in UTC: weeks start on Monday (as PostgreSQL's `date_trunc('week')`
 * does) and months on the 1st. Keys are "YYYY-MM-DD", the same text the queries group by, so the
 * charts can show the buckets with nothing in them as zero.
 */

const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The Monday (00:00 UTC) of the week `now` falls in. */
export function weekStart(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** The last `count` weeks, oldest first, the current (partial) week last; `from` is the first week's start. */
export function lastWeeks(now: Date, count: number): { keys: string[]; from: Date } {
  const current = weekStart(now);
  const keys: string[] = [];
  for (let i = count - 1; i >= 0; i--) keys.push(isoDay(new Date(current.getTime() - i * 7 * DAY_MS)));
  return { keys, from: new Date(current.getTime() - (count - 1) * 7 * DAY_MS) };
}

/** The last `count` calendar months, oldest first, the current one last. */
export function lastMonths(now: Date, count: number): { keys: string[]; from: Date } {
  const keys: string[] = [];
  for (let i = count - 1; i >= 0; i--) keys.push(isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))));
  return { keys, from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1), 1)) };
}

/** A bucket: its key ("YYYY-MM-DD", its first day) and the instants it spans, [start, end). */
export interface Bucket {
  key: string;
  start: Date;
  end: Date;
}

/** The last `count` weeks as buckets, the current one ending at `now`. */
export function weekBuckets(now: Date, count: number): Bucket[] {
  const { keys } = lastWeeks(now, count);
  return keys.map((key) => {
    const start = new Date(`${key}T00:00:00Z`);
    const end = new Date(Math.min(start.getTime() + 7 * DAY_MS, now.getTime() + 1));
    return { key, start, end };
  });
}

/** The last `count` calendar months as buckets, the current one ending at `now`. */
export function monthBuckets(now: Date, count: number): Bucket[] {
  const { keys } = lastMonths(now, count);
  return keys.map((key) => {
    const start = new Date(`${key}T00:00:00Z`);
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    return { key, start, end: new Date(Math.min(next.getTime(), now.getTime() + 1)) };
  });
}

/**
 * The buckets as an SQL row list `(key, start_at, end_at)`, to join each to a range read of an
 * indexed timestamp: one short index range per bucket instead of a function of every row.
 */
export function bucketRows(buckets: readonly Bucket[]): SQL {
  return sql`(values ${sql.join(
    buckets.map((b) => sql`(${b.key}::text, ${b.start.toISOString()}::timestamptz, ${b.end.toISOString()}::timestamptz)`),
    sql`, `,
  )}) as b(key, start_at, end_at)`;
}
