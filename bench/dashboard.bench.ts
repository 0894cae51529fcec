// The dashboard's queries (lib/dashboard/) on the large desk of bench/support/seed-desk.ts:
// 1,000,000 claims, all created in the last ~12 days (400,000 in review, 200,000 approved), so every
// chart's date range holds most of the desk: the worst case for the weekly counts and the queue's
// median. Needs a PostgreSQL server: BENCH_DATABASE_URL or DATABASE_URL.
// The queries are index-only scans, which need the table's visibility map: a desk seeded moments
// ago and not yet vacuumed (autovacuum has not come round) reads the heap instead and runs 3–8×
// slower. So the targets are printed on every run and enforced with BENCH_DASHBOARD_ENFORCE=1.
import { sql } from "drizzle-orm";
import { setDatabase } from "../lib/database";
import type { Actor } from "../lib/auth/permissions";
import { getApprovalTimes } from "../lib/dashboard/approval-times";
import { getDeskAttention } from "../lib/dashboard/desk-attention";
import { getQueueAge } from "../lib/dashboard/queue-age";
import { getVerdictMix } from "../lib/dashboard/verdict-mix";
import { rowsOf } from "../lib/dashboard/rows";
import { getWeeklyActivity } from "../lib/dashboard/weekly-activity";
import { BENCH_REVIEWER, openSeededDesk, SEED } from "./support/seed-desk";
import { timeAsync } from "./support/stats";

const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!server) {
  console.log("dashboard bench: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server to run it; skipped.");
  process.exit(0);
}
const TARGET_MS = 200;
const ENFORCE = process.env.BENCH_DASHBOARD_ENFORCE === "1";
const { handle, seededMs } = await openSeededDesk(server);

let failed = false;
try {
  setDatabase(handle);
  console.log(
    seededMs === null
      ? "desk seeded by an earlier benchmark of this run"
      : `seeded ${SEED.claims.toLocaleString("en-GB")} claims in ${(seededMs / 1000).toFixed(1)} s`,
  );
  const vacuumed = rowsOf<{ at: unknown }>(
    await handle.db.execute(
      sql`select coalesce(last_vacuum, last_autovacuum) as at from pg_stat_user_tables where relname = 'claims'`,
    ),
  );
  if (!vacuumed[0]?.at) console.log("note: claims has not been vacuumed yet; index-only scans read the heap");
  const reviewer: Actor = { id: BENCH_REVIEWER, email: "rev@bench", name: "Rev", role: "reviewer" };
  const now = new Date();
  // Each case says what it must return, so a query that finds nothing never passes for a fast one.
  const cases: [string, () => Promise<unknown>, (r: unknown) => boolean][] = [
    [
      "claims per week (12 weeks)",
      () => getWeeklyActivity(reviewer, now),
      (r) => (r as { marked: number }[]).reduce((n, w) => n + w.marked, 0) === SEED.claims,
    ],
    [
      "median time to approval per week",
      () => getApprovalTimes(reviewer, now),
      (r) => (r as { approvals: number }[]).reduce((n, w) => n + w.approvals, 0) === SEED.claims / 5,
    ],
    [
      "queue size and age",
      () => getQueueAge(reviewer, now),
      (r) => (r as { inReview: number }).inReview === (SEED.claims * 2) / 5,
    ],
    [
      "verdicts per month (6 months)",
      () => getVerdictMix(reviewer, now),
      (r) => (r as { total: number }[]).reduce((n, m) => n + m.total, 0) === SEED.claims / 5,
    ],
    ["due for re-check and broken sources", () => getDeskAttention(reviewer), (r) => typeof r === "object" && r !== null],
  ];
  console.log("| case | median ms | max ms | target |\n| --- | ---: | ---: | ---: |");
  for (const [label, run, returnsWhatItNames] of cases) {
    if (!returnsWhatItNames(await run())) throw new Error(`dashboard bench: "${label}" does not return what it names`);
    const { median: m, max } = await timeAsync(run);
    if (m > TARGET_MS) failed = true;
    console.log(`| ${label} | ${m.toFixed(1)} | ${max.toFixed(1)} | ≤ ${TARGET_MS} |`);
  }
} finally {
  setDatabase(undefined);
  await handle.close();
}
if (failed) {
  console.error(`dashboard bench: a target was missed${ENFORCE ? "" : " (reported, not enforced)"}`);
  if (ENFORCE) process.exit(1);
}
