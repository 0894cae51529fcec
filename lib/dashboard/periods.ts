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
