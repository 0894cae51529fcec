// The cross-desk consistency check of issue 12 for one claim, on the large desk
// (bench/support/seed-desk.ts: 1,000,000 claims, 200,000 of them approved, 2,000,000 claim_figures
// rows) on PostgreSQL. Target: ≤ 50 ms for one claim (median). The check is every figure warning
// of the claim (lib/claim-figures/check-claim-figures.ts), whose cost is the lookup of other approved
// claims on the same subject and unit (claim_figures_subject_unit_idx). Needs BENCH_DATABASE_URL
// (or DATABASE_URL).
import { sql } from "drizzle-orm";
import { figureWarningsFor } from "../lib/claim-figures/check-claim-figures";
import { extractedRows } from "../lib/claim-figures/figure-rows";
import { findFigureConflicts } from "../lib/claim-figures/find-figure-conflicts";
import { setDatabase } from "../lib/database";
import { claimId, openSeededDesk, SEED } from "./support/seed-desk";
import { timeAsync } from "./support/stats";

const TARGET_MS = 50;
const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!server) {
  console.log("figure-conflicts bench: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server; skipped.");
  process.exit(0);
}

let failed = false;
const { handle, seededMs } = await openSeededDesk(server);
try {
  setDatabase(handle);
  const db = handle.db;
  console.log(
    seededMs === null
      ? "desk seeded by an earlier benchmark of this run"
      : `seeded ${SEED.claims.toLocaleString("en-GB")} claims in ${(seededMs / 1000).toFixed(1)} s`,
  );
  // The seed writes claim_figures in SQL: it must be what lib/ would have written.
  const sample = (await db.execute(sql`
    select c.statement, f.origin, f.text, f.subject_key, f.base_unit, f.place, f.period, f.amount, f.low, f.high
    from claims c tablesample system (0.01) join claim_figures f on f.claim_id = c.id limit 80`)) as unknown as {
    statement: string;
    origin: "text" | "statement";
    text: string;
    subject_key: string | null;
    base_unit: string | null;
    place: string | null;
    period: string | null;
    amount: number;
    low: number | null;
    high: number | null;
  }[];
  if (sample.length === 0) throw new Error("figure-conflicts bench: the seed has no claim_figures rows");
  const [mirror] = (await db.execute(sql`
    select count(*)::int as n from claims c tablesample system (0.1) join claim_figures f on f.claim_id = c.id
    where f.claim_approved <> (c.status = 'approved')`)) as unknown as { n: number }[];
  if (mirror!.n !== 0) throw new Error(`figure-conflicts bench: ${mirror!.n} figures disagree with their claim on approval`);
  const close = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  for (const row of sample) {
    const [lib] = extractedRows(row.origin, row.statement);
    const same =
      lib &&
      lib.text === row.text &&
      lib.subjectKey === row.subject_key &&
      lib.baseUnit === row.base_unit &&
      lib.place === row.place &&
      lib.period === row.period &&
      close(lib.amount, row.amount) &&
      close(lib.low, row.low) &&
      close(lib.high, row.high);
    if (!same) throw new Error(`seed and lib disagree on "${row.statement}": ${JSON.stringify(row)} vs ${JSON.stringify(lib)}`);
  }

  // A claim in review (g % 5 = 0): its subject and unit are shared by about 8,000 claims, 1,600 approved.
  const target = claimId(SEED.claims - (SEED.claims % 5));
  const [claim] = (await db.execute(
    sql`select id, exact, anchor_text as "anchorText", status from claims where id = ${target}`,
  )) as unknown as {
    id: string;
    exact: string;
    anchorText: string | null;
    status: "draft" | "in_review" | "changes_requested" | "approved";
  }[];
  if (!claim) throw new Error("figure-conflicts bench: no target claim");
  const [key] = (await db.execute(sql`
    select subject_key as "subjectKey", base_unit as "baseUnit", subject, text from claim_figures where claim_id = ${target} limit 1`)) as unknown as {
    subjectKey: string;
    baseUnit: string;
    subject: string;
    text: string;
  }[];
  const [count] = (await db.execute(
    sql`select count(*)::int as n from claim_figures where subject_key = ${key!.subjectKey} and base_unit = ${key!.baseUnit}`,
  )) as unknown as { n: number }[];
  console.log(`target claim ${target}: "${claim.exact}", ${count!.n.toLocaleString("en-GB")} figures on its subject and unit`);

  const cases: [string, () => Promise<unknown[]>, boolean][] = [
    // Every warning of the claim, as the panel, the review page and the approval compute them.
    ["all figure warnings of one claim (other approved claims disagree)", () => figureWarningsFor(db, claim), true],
    // No other claim disagrees ("more than 0", unbounded above): the lookup must find nothing.
    [
      "lookup for a figure no approved claim contradicts (“more than 0”)",
      () =>
        findFigureConflicts(db, target, {
          ...key!,
          low: 0,
          high: null,
          place: null,
          period: null,
          text: `more than 0 ${key!.baseUnit}`,
        }),
      false,
    ],
  ];
  console.log("| case | rows | median ms | max ms | target |\n| --- | ---: | ---: | ---: | ---: |");
  for (const [label, run, expectRows] of cases) {
    const n = (await run()).length;
    if (expectRows && n === 0) throw new Error(`figure-conflicts bench: "${label}" returned no rows`);
    if (!expectRows && n !== 0) throw new Error(`figure-conflicts bench: "${label}" returned ${n} rows, expected none`);
    const { median: m, max } = await timeAsync(run, { runs: 21 });
    if (m > TARGET_MS) {
      console.log(`figure-conflicts bench: "${label}" took ${m.toFixed(1)} ms, over its ${TARGET_MS} ms target`);
      failed = true;
    }
    console.log(`| ${label} | ${n} | ${m.toFixed(1)} | ${max.toFixed(1)} | ≤ ${TARGET_MS} |`);
  }
} finally {
  setDatabase(undefined);
  await handle.close();
}
if (failed) process.exit(1);
