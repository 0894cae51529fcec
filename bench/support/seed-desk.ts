// The large desk the PostgreSQL benchmarks read: 1,000,000 claims (400,000 in review, 200,000
// approved) in 1,000 articles, each with the figures of its text and statement (claim_figures), and 99,000 more articles without claims (100,000 in all), with news-like titles,
// bodies, statements, claimants and figures. Seeded once per `npm run bench` into a database named
// after the migrations and this file's SEED_VERSION, which every benchmark then reads (they only
// read): bench/run.ts drops it at the end (BENCH_KEEP_SEED=1 keeps it for the next run).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, MIGRATIONS_FOLDER, migrateDatabase, openPostgres } from "../../db/client";
import { extractedRows } from "../../lib/claim-figures/figure-rows";

/** Bump when the seed below changes: a new database is seeded instead of reusing the old one. */
const SEED_VERSION = 4;
export const SEED_PREFIX = "fcd_bench_desk_";

export const BENCH_EDITOR = "00000000-0000-4000-8000-000000000001";
export const BENCH_REVIEWER = "00000000-0000-4000-8000-000000000002";
/** An editor with no claims at all. */
export const BENCH_NOBODY = "00000000-0000-4000-8000-000000000009";
export const articleId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`;
/** Claim g of the seed (1-based): its figures are found by this id. */
export const claimId = (g: number) => `00000000-0000-4000-b000-${String(g).padStart(12, "0")}`;

export const SEED = { claims: Number(process.env.BENCH_CLAIMS ?? 1_000_000), articles: 100_000, articlesWithClaims: 1_000 };

// Vocabularies: a claim is "<subject> <verb> <figure> <where/when>". Sizes are coprime so that
// the combinations spread evenly over the claims.
const SUBJECTS = [
  "Unemployment",
  "Inflation",
  "Defence spending",
  "NHS waiting lists",
  "Net migration",
  "Child poverty",
  "Knife crime",
  "House prices",
  "Energy bills",
  "Rail fares",
  "Council tax",
  "Wage growth",
  "Food prices",
  "Rents",
  "Homelessness",
  "Bus ridership",
  "Teacher vacancies",
  "GP numbers",
  "Carbon emissions",
  "Sewage spills",
  "Hospital admissions",
  "Youth unemployment",
  "Business investment",
  "Exports",
  "Imports",
  "Tax receipts",
  "Public debt",
  "Benefit claims",
  "School absences",
  "Train cancellations",
  "Broadband coverage",
  "Tourism",
  "Retail sales",
  "Interest rates",
  "Crime",
  "Obesity",
  "Fuel prices",
  "Mortgage approvals",
  "Childcare costs",
  "Pension spending",
  "Road deaths",
];
const VERBS = ["rose to", "fell to", "reached", "stood at", "hit", "climbed to", "dropped to"];
const PLACES = [
  "in London",
  "in Scotland",
  "in Wales",
  "across England",
  "in the north east",
  "in Manchester",
  "in Birmingham",
  "last year",
  "this year",
  "since 2019",
  "in the first quarter",
  "in the year to March",
  "in Northern Ireland",
  "in Leeds",
  "in Glasgow",
  "in Bristol",
  "in Cardiff",
  "in Belfast",
  "in Liverpool",
];
const FIRST = [
  "Rachel",
  "Keir",
  "Rishi",
  "Wes",
  "Bridget",
  "Yvette",
  "David",
  "Angela",
  "Ed",
  "Kemi",
  "Priti",
  "Sadiq",
  "Andy",
  "Nicola",
  "Jeremy",
  "Lisa",
  "Darren",
  "Pat",
  "Liz",
  "Boris",
];
const LAST = [
  "Reeves",
  "Starmer",
  "Sunak",
  "Streeting",
  "Phillipson",
  "Cooper",
  "Lammy",
  "Rayner",
  "Miliband",
  "Badenoch",
  "Patel",
  "Khan",
  "Burnham",
  "Sturgeon",
  "Hunt",
  "Nandy",
  "Jones",
  "McFadden",
  "Truss",
  "Johnson",
  "Swinney",
];

const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`);

/**
 * The figure of claim g, with its search words exactly as lib/search/figure-terms.ts makes them
 * (checked by the benchmarks on a sample): a percentage, an amount in pounds, or a count.
 */
const FIGURE_KIND = sql.raw("g % 3");
const PCT = sql.raw("trim_scale(((g * 7) % 997 + 1) / 10.0)");
const BN = sql.raw("trim_scale(((g * 11) % 499 + 1) / 10.0)");
const COUNT = sql.raw("((g * 13) % 89000 + 1000)");

async function seed(db: DatabaseHandle["db"]): Promise<void> {
  const { claims, articles, articlesWithClaims } = SEED;
  await db.execute(sql`insert into users (id, email, name, role, password_hash) values
    (${BENCH_EDITOR}, 'ed@bench', 'Ed', 'editor', 'x'),
    (${BENCH_REVIEWER}, 'rev@bench', 'Rev', 'reviewer', 'x'),
    (${BENCH_NOBODY}, 'ed2@bench', 'Ed2', 'editor', 'x')`);
  await db.execute(sql`insert into articles (id, title, slug, created_by, created_at)
    select ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid,
           (${arr(SUBJECTS)})[g % ${SUBJECTS.length} + 1] || ' ' || (${arr(VERBS)})[g % ${VERBS.length} + 1] || ' record ' || (${arr(PLACES)})[g % ${PLACES.length} + 1] || ' (' || g || ')',
           'article-' || g, ${BENCH_EDITOR}, now() - (g || ' minutes')::interval
    from generate_series(1, ${articles}) g`);
  await db.execute(sql`insert into article_revisions (id, article_id, number, body, body_hash, normalizer_version, created_by)
    select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 1,
           (${arr(SUBJECTS)})[(g * 3) % ${SUBJECTS.length} + 1] || ' ' || (${arr(VERBS)})[g % ${VERBS.length} + 1] || ' a new level ' || (${arr(PLACES)})[(g * 5) % ${PLACES.length} + 1]
             || ', according to figures published on Tuesday.' || chr(10) || chr(10) || 'Ministers said the change reflected ' || lower((${arr(SUBJECTS)})[(g * 7) % ${SUBJECTS.length} + 1])
             || ' and warned that ' || lower((${arr(SUBJECTS)})[(g * 11) % ${SUBJECTS.length} + 1]) || ' could follow. Critics called the claim misleading.',
           'h', 1, ${BENCH_EDITOR}
    from generate_series(1, ${articles}) g`);
  await db.execute(sql`update articles set current_revision_id = ('00000000-0000-4000-a000-' || substr(id::text, 25))::uuid`);
  // A GIN index is built far faster in one go than row by row: drop the claims' search indexes for
  // the bulk insert and build them again after (same definitions as the migrations).
  await db.execute(sql`set maintenance_work_mem = '512MB'`);
  await db.execute(sql`drop index if exists claims_search_idx`);
  await db.execute(sql`drop index if exists claims_claimant_trgm_idx`);
  await db.execute(sql`insert into claims (id, article_id, exact, start_cp, end_cp, anchor_revision_id, statement, claimant, search_figures, verdict, status, submitted_at, approved_by, approved_version, approved_at, created_by, updated_by, assigned_reviewer_id, created_at)
    select ('00000000-0000-4000-b000-' || lpad(g::text, 12, '0'))::uuid,
           ('00000000-0000-4000-9000-' || lpad((g % ${articlesWithClaims} + 1)::text, 12, '0'))::uuid, s.statement, 0, length(s.statement),
           ('00000000-0000-4000-a000-' || lpad((g % ${articlesWithClaims} + 1)::text, 12, '0'))::uuid, s.statement,
           (${arr(FIRST)})[g % ${FIRST.length} + 1] || ' ' || (${arr(LAST)})[g % ${LAST.length} + 1], s.words,
           (array['verified','false','disputed','misleading'])[g % 4 + 1],
           case when g % 5 < 2 then 'in_review' when g % 5 = 4 then 'approved' else 'draft' end,
           case when g % 5 < 2 or g % 5 = 4 then now() - (g || ' seconds')::interval end,
           case when g % 5 = 4 then ${BENCH_REVIEWER}::uuid end,
           case when g % 5 = 4 then 1 end,
           case when g % 5 = 4 then now() - (g || ' seconds')::interval end,
           ${BENCH_EDITOR}, ${BENCH_EDITOR},
           case when g % 50 = 0 then ${BENCH_REVIEWER}::uuid end,
           now() - (g || ' seconds')::interval
    from generate_series(1, ${claims}) g,
    lateral (select
      (${arr(SUBJECTS)})[g % ${SUBJECTS.length} + 1] || ' ' || (${arr(VERBS)})[g % ${VERBS.length} + 1] || ' ' ||
        case ${FIGURE_KIND} when 0 then ${PCT}::text || '%' when 1 then '£' || ${BN}::text || 'bn' else to_char(${COUNT}, 'FM99,999') || ' people' end
        || ' ' || (${arr(PLACES)})[g % ${PLACES.length} + 1] as statement,
      case ${FIGURE_KIND}
        when 0 then 'fg' || replace(${PCT}::text, '.', 'p') || ' fg' || replace(${PCT}::text, '.', 'p') || 'pct'
        when 1 then 'fg' || trim_scale(${BN} * 1000000000)::text || ' fg' || trim_scale(${BN} * 1000000000)::text || 'gbp'
        else 'fg' || ${COUNT} || ' fg' || ${COUNT} || 'people' end as words) s`);
  await seedFigures(db);
  await db.execute(sql`create index claims_search_idx on claims using gin (search_vector)`);
  await db.execute(sql`create index claims_claimant_trgm_idx on claims using gin (lower(claimant) gin_trgm_ops)`);
  // A live desk is vacuumed by autovacuum; a desk just written in bulk has no visibility map yet, so
  // index-only scans would read the table too and the benchmarks would measure the seed, not the app.
  await db.execute(sql`vacuum analyze`);
}

/**
 * Each claim's figures, as lib/ writes them (lib/claim-figures/figure-rows.ts): one row read from
 * the marked text and one from the statement (the seed's quote is its statement). What lib/figures
 * reads around the figure (subject, place, period) depends only on the sentence's subject, verb,
 * place and kind of figure, so it is read once per combination here and joined in; the numbers are
 * computed in SQL. bench/figure-conflicts.bench.ts checks a sample against the extractor.
 */
async function seedFigures(db: DatabaseHandle["db"]): Promise<void> {
  const sample = ["5.3%", "£3.4bn", "12,345 people"];
  const shapes: string[] = [];
  const lit = (v: string | null) => (v === null ? "null" : `'${v.replace(/'/g, "''")}'`);
  for (let s = 0; s < SUBJECTS.length; s++)
    for (let v = 0; v < VERBS.length; v++)
      for (let p = 0; p < PLACES.length; p++)
        for (let k = 0; k < 3; k++) {
          const [row] = extractedRows("statement", `${SUBJECTS[s]} ${VERBS[v]} ${sample[k]} ${PLACES[p]}`);
          if (!row) throw new Error(`no figure in seed sentence ${s}/${v}/${p}/${k}`);
          shapes.push(`(${s},${v},${p},${k},${lit(row.subject)},${lit(row.subjectKey)},${lit(row.place)},${lit(row.period)})`);
        }
  await db.execute(
    sql`create temporary table figure_shapes (s int, v int, p int, k int, subject text, subject_key text, place text, period text)`,
  );
  for (let i = 0; i < shapes.length; i += 2000)
    await db.execute(sql.raw(`insert into figure_shapes values ${shapes.slice(i, i + 2000).join(",")}`));
  for (const index of ["subject_unit", "claim", "approved_high", "approved_low"])
    await db.execute(sql.raw(`drop index if exists claim_figures_${index}_idx`));
  // claim_approved is what the trigger would copy from the claim (approved: g % 5 = 4), written
  // directly rather than looked up two million times; the benchmark checks a sample against claims.
  await db.execute(sql`alter table claim_figures disable trigger claim_figures_approved_on_write`);
  await db.execute(sql`insert into claim_figures (claim_id, claim_approved, origin, position, text, value, scale, unit, unit_kind, currency, period, place, subject, subject_key, base_unit, amount, low, high)
    select ('00000000-0000-4000-b000-' || lpad(g::text, 12, '0'))::uuid, g % 5 = 4, o.origin, 0, f.text, f.value, f.scale, f.unit, f.kind, f.currency,
           sh.period, sh.place, sh.subject, sh.subject_key, f.unit, f.value * f.scale, (f.value - f.half) * f.scale, (f.value + f.half) * f.scale
    from generate_series(1, ${SEED.claims}) g
    cross join (values ('text'), ('statement')) o(origin)
    join figure_shapes sh on sh.s = g % ${SUBJECTS.length} and sh.v = g % ${VERBS.length} and sh.p = g % ${PLACES.length} and sh.k = ${FIGURE_KIND},
    lateral (select case ${FIGURE_KIND}
        when 0 then ${PCT}::text || '%' when 1 then '£' || ${BN}::text || 'bn' else to_char(${COUNT}, 'FM99,999') || ' people' end as text,
      case ${FIGURE_KIND} when 0 then ${PCT}::float8 when 1 then ${BN}::float8 else ${COUNT}::float8 end as value,
      case ${FIGURE_KIND} when 1 then 1e9::float8 else 1::float8 end as scale,
      case ${FIGURE_KIND} when 0 then '%' when 1 then 'GBP' else 'people' end as unit,
      case ${FIGURE_KIND} when 0 then 'percent' when 1 then 'currency' else 'count' end as kind,
      case ${FIGURE_KIND} when 1 then 'GBP' end as currency,
      (0.5 * 10 ^ -scale(case ${FIGURE_KIND} when 0 then ${PCT} when 1 then ${BN} else ${COUNT}::numeric end))::float8 as half) f`);
  await db.execute(sql`alter table claim_figures enable trigger claim_figures_approved_on_write`);
  // The same definitions as the migrations (claim_figures, claim_figures_approved).
  await db.execute(sql`create index claim_figures_claim_idx on claim_figures (claim_id, origin, position)`);
  await db.execute(sql`create index claim_figures_subject_unit_idx on claim_figures (subject_key, base_unit, claim_id)
    where subject_key is not null and base_unit is not null`);
  for (const bound of ["high", "low"])
    await db.execute(
      sql.raw(`create index claim_figures_approved_${bound}_idx on claim_figures (subject_key, base_unit, ${bound})
        where claim_approved and subject_key is not null and base_unit is not null`),
    );
}

function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of fs
    .readdirSync(MIGRATIONS_FOLDER)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    h.update(fs.readFileSync(path.join(MIGRATIONS_FOLDER, f)));
  return h.digest("hex").slice(0, 10);
}

/**
 * The seeded desk database on `server` (seeding it first if no earlier benchmark of this run did),
 * opened with a pool of `max` connections. Benchmarks must only read from it.
 */
export async function openSeededDesk(
  server: string,
  max = 4,
): Promise<{ handle: DatabaseHandle; name: string; seededMs: number | null }> {
  const name = `${SEED_PREFIX}${SEED_VERSION}_${SEED.claims}_${migrationsHash()}`;
  const admin = new URL(server);
  admin.pathname = "/postgres";
  const adminDb = await openPostgres(admin.toString(), 1);
  const target = new URL(server);
  target.pathname = `/${name}`;
  try {
    const exists = (await adminDb.db.execute(sql`select 1 from pg_database where datname = ${name}`)) as unknown as unknown[];
    if (exists.length) {
      const handle = await openPostgres(target.toString(), max);
      const done = (await handle.db.execute(
        sql`select 1 from pg_tables where tablename = 'bench_seed_done'`,
      )) as unknown as unknown[];
      if (done.length) return { handle, name, seededMs: null };
      await handle.close();
      await adminDb.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
    }
    const t0 = Date.now();
    await adminDb.db.execute(sql.raw(`create database "${name}"`));
    const handle = await openPostgres(target.toString(), max);
    await migrateDatabase(handle);
    await seed(handle.db);
    await handle.db.execute(sql`create table bench_seed_done (at timestamptz default now())`);
    return { handle, name, seededMs: Date.now() - t0 };
  } finally {
    await adminDb.close();
  }
}

/** Drops every seeded desk database on `server` (bench/run.ts, at the end of a run). */
export async function dropSeededDesks(server: string): Promise<void> {
  const admin = new URL(server);
  admin.pathname = "/postgres";
  const adminDb = await openPostgres(admin.toString(), 1);
  try {
    const rows = (await adminDb.db.execute(
      sql`select datname from pg_database where datname like ${`${SEED_PREFIX}%`}`,
    )) as unknown as {
      datname: string;
    }[];
    for (const r of rows) await adminDb.db.execute(sql.raw(`drop database if exists "${r.datname}" with (force)`));
  } finally {
    await adminDb.close();
  }
}

export { median } from "./stats";
