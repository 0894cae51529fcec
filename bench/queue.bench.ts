// Review queue with a million claims (400,000 in review) on PostgreSQL: keyset pages must cost the
// same at page 1 and deep in the queue. Needs a PostgreSQL server: BENCH_DATABASE_URL or
// DATABASE_URL (the seeded desk of bench/support/seed-desk.ts is created on it; bench/run.ts drops it).
import { sql } from "drizzle-orm";
import { setDatabase } from "../lib/database";
import type { Actor } from "../lib/auth/permissions";
import { countWaiting, encodeQueueCursor, listReviewQueue } from "../lib/workflow/list-queue";
import { BENCH_NOBODY, openSeededDesk, SEED } from "./support/seed-desk";
import { timeAsync } from "./support/stats";

const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!server) {
  console.log("queue bench: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server to run it; skipped.");
  process.exit(0);
}
const TOTAL = SEED.claims;
const TARGET_MS = 50;
// The desk of bench/support/seed-desk.ts, shared with the search benchmark (seeded once per run).
const { handle, seededMs } = await openSeededDesk(server);

let failed = false;
try {
  setDatabase(handle);
  const db = handle.db;
  console.log(
    seededMs === null
      ? "desk seeded by an earlier benchmark of this run"
      : `seeded ${TOTAL.toLocaleString("en-GB")} claims in ${(seededMs / 1000).toFixed(1)} s`,
  );

  const reviewer: Actor = { id: "00000000-0000-4000-8000-000000000002", email: "rev@bench", name: "Rev", role: "reviewer" };
  const deepRows = (await db.execute(
    sql`select to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as s, id from claims where status = 'in_review' order by submitted_at, id offset 300000 limit 1`,
  )) as unknown as { s: string; id: string }[];
  const deep = encodeQueueCursor({ submittedAt: deepRows[0]!.s, id: deepRows[0]!.id });

  // Every case states how many rows it must return, so an empty page never passes for a filtered
  // one: article 1 has claims in review (g % 1000 = 0 → g % 5 = 0), no claim in review is
  // "unproven", and the second editor has none.
  const inReviewArticle = "00000000-0000-4000-9000-000000000001";
  const nobody = BENCH_NOBODY;
  type Page = { items: unknown[] };
  const cases: [string, () => Promise<unknown>, (r: unknown) => boolean, number][] = [
    ["first page (25)", () => listReviewQueue(reviewer, { limit: 25 }), (r) => (r as Page).items.length === 25, TARGET_MS],
    [
      "page 300,000 rows deep",
      () => listReviewQueue(reviewer, { limit: 25, after: deep }),
      (r) => (r as Page).items.length === 25,
      TARGET_MS,
    ],
    [
      "filter verdict=false (many)",
      () => listReviewQueue(reviewer, { limit: 25, verdict: "false" }),
      (r) => (r as Page).items.length === 25,
      TARGET_MS,
    ],
    [
      "filter verdict=unproven (none)",
      () => listReviewQueue(reviewer, { limit: 25, verdict: "unproven" }),
      (r) => (r as Page).items.length === 0,
      TARGET_MS,
    ],
    [
      "filter article (its claims in review)",
      () => listReviewQueue(reviewer, { limit: 25, article: inReviewArticle }),
      (r) => (r as Page).items.length === 25,
      TARGET_MS,
    ],
    [
      "filter article + verdict=unproven (none)",
      () => listReviewQueue(reviewer, { limit: 25, article: inReviewArticle, verdict: "unproven" }),
      (r) => (r as Page).items.length === 0,
      TARGET_MS,
    ],
    [
      "filter editor (many)",
      () => listReviewQueue(reviewer, { limit: 25, editor: "00000000-0000-4000-8000-000000000001" }),
      (r) => (r as Page).items.length === 25,
      TARGET_MS,
    ],
    [
      "filter editor with none in review",
      () => listReviewQueue(reviewer, { limit: 25, editor: nobody }),
      (r) => (r as Page).items.length === 0,
      TARGET_MS,
    ],
    [
      "assigned to me",
      () => listReviewQueue(reviewer, { limit: 25, assigned: "me" }),
      (r) => (r as Page).items.length === 25,
      TARGET_MS,
    ],
    [
      "assigned to me + verdict=unproven (none)",
      () => listReviewQueue(reviewer, { limit: 25, assigned: "me", verdict: "unproven" }),
      (r) => (r as Page).items.length === 0,
      TARGET_MS,
    ],
    ["count waiting (badge)", () => countWaiting(reviewer), (r) => (r as { waiting: number }).waiting === (TOTAL * 2) / 5, 10],
  ];
  console.log("| case | median ms | max ms | target |\n| --- | ---: | ---: | ---: |");
  for (const [label, run, returnsWhatItNames, target] of cases) {
    if (!returnsWhatItNames(await run())) throw new Error(`queue bench: "${label}" does not return what it names`);
    const { median: m, max } = await timeAsync(run);
    if (m > target) failed = true;
    console.log(`| ${label} | ${m.toFixed(1)} | ${max.toFixed(1)} | ≤ ${target} |`);
  }
} finally {
  setDatabase(undefined);
  await handle.close();
}
if (failed) {
  console.error("queue bench: a target was missed");
  process.exit(1);
}
