// Review queue with a million claims (400,000 in review) on PostgreSQL: keyset pages must cost the
// same at page 1 and deep in the queue. Needs a PostgreSQL server: BENCH_DATABASE_URL or
// DATABASE_URL (a scratch database is created on it and dropped afterwards).
import { sql } from "drizzle-orm";
import { migrateDatabase, openPostgres } from "../db/client";
import { setDatabase } from "../lib/database";
import type { Actor } from "../lib/auth/permissions";
import { countWaiting, encodeQueueCursor, listReviewQueue } from "../lib/workflow/list-queue";

const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!server) {
  console.log("queue bench: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server to run it; skipped.");
  process.exit(0);
}
const TOTAL = Number(process.env.BENCH_CLAIMS ?? 1_000_000);
const TARGET_MS = 50;
const name = `fcd_bench_queue_${process.pid}`;
const admin = new URL(server);
admin.pathname = "/postgres";
const adminDb = await openPostgres(admin.toString(), 1);
await adminDb.db.execute(sql.raw(`create database "${name}"`));
const target = new URL(server);
target.pathname = `/${name}`;
const handle = await openPostgres(target.toString(), 4);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let failed = false;
try {
  await migrateDatabase(handle);
  setDatabase(handle);
  const db = handle.db;
  const t0 = Date.now();
  await db.execute(sql`insert into users (id, email, name, role, password_hash) values
    ('00000000-0000-4000-8000-000000000001', 'ed@bench', 'Ed', 'editor', 'x'),
    ('00000000-0000-4000-8000-000000000002', 'rev@bench', 'Rev', 'reviewer', 'x')`);
  await db.execute(sql`insert into articles (id, title, slug, created_by)
    select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'Article ' || g, 'article-' || g, '00000000-0000-4000-8000-000000000001'
    from generate_series(1, 1000) g`);
  await db.execute(sql`insert into article_revisions (id, article_id, number, body, body_hash, normalizer_version, created_by)
    select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 1, 'Body ' || g, 'h', 1, '00000000-0000-4000-8000-000000000001'
    from generate_series(1, 1000) g`);
  await db.execute(sql`insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, verdict, status, submitted_at, created_by, updated_by, assigned_reviewer_id)
    select ('00000000-0000-4000-9000-' || lpad((g % 1000 + 1)::text, 12, '0'))::uuid, 'Body', 0, 4,
           ('00000000-0000-4000-a000-' || lpad((g % 1000 + 1)::text, 12, '0'))::uuid, 'Claim ' || g,
           (array['verified','false','disputed','misleading'])[g % 4 + 1],
           case when g % 5 < 2 then 'in_review' else 'draft' end,
           case when g % 5 < 2 then now() - (g || ' seconds')::interval end,
           '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001',
           case when g % 50 = 0 then '00000000-0000-4000-8000-000000000002'::uuid end
    from generate_series(1, ${TOTAL}) g`);
  await db.execute(sql`analyze`);
  console.log(`seeded ${TOTAL.toLocaleString("en-GB")} claims in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const reviewer: Actor = { id: "00000000-0000-4000-8000-000000000002", email: "rev@bench", name: "Rev", role: "reviewer" };
  const deepRows = (await db.execute(
    sql`select to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as s, id from claims where status = 'in_review' order by submitted_at, id offset 300000 limit 1`,
  )) as unknown as { s: string; id: string }[];
  const deep = encodeQueueCursor({ submittedAt: deepRows[0]!.s, id: deepRows[0]!.id });

  // Every case states how many rows it must return, so an empty page never passes for a filtered
  // one: article 1 has claims in review (g % 1000 = 0 → g % 5 = 0), no claim in review is
  // "unproven", and the second editor has none.
  const inReviewArticle = "00000000-0000-4000-9000-000000000001";
  const nobody = "00000000-0000-4000-8000-000000000009";
  await db.execute(
    sql`insert into users (id, email, name, role, password_hash) values (${nobody}, 'ed2@bench', 'Ed2', 'editor', 'x')`,
  );
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
    for (let i = 0; i < 3; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    const m = median(times);
    if (m > target) failed = true;
    console.log(`| ${label} | ${m.toFixed(1)} | ${Math.max(...times).toFixed(1)} | ≤ ${target} |`);
  }
} finally {
  setDatabase(undefined);
  await handle.close();
  await adminDb.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
  await adminDb.close();
}
if (failed) {
  console.error("queue bench: a target was missed");
  process.exit(1);
}
