// The article page (issue 13): an article with 500 claims against the same text with 10, served by
// the built app and fetched as a logged-in editor. Server render p50 of each (sequential requests,
// unloaded, interleaved, after warm-up), their ratio, the HTML and inline server-component (RSC)
// payload sizes, how often one claim's statement is in that payload, and the first-load JavaScript
// (every script chunk the page's HTML references, each gzipped, summed). Each page is checked to
// carry its claims (highlights and list items) so that the figures are of what they name.
//
// PostgreSQL with BENCH_DATABASE_URL (or DATABASE_URL); embedded PGlite otherwise.
// Exits non-zero when a page lacks its claims or carries a claim's data more than once, and on a
// missed speed or size target with BENCH_ARTICLE_ENFORCE=1. BENCH_ARTICLE_RUNS sets the number of
// timed requests per page; BENCH_ARTICLE_VERBOSE=1 lists the scripts and their sizes;
// BENCH_ARTICLE_SAVE=<folder> saves each page's HTML there; BENCH_ARTICLE_PROFILE=<folder> writes
// a CPU profile of the app there (node --cpu-prof); BENCH_ARTICLE_HOLD=1 keeps the app up.
import http from "node:http";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { EDITOR_ID, REVIEWER_ID, login, median, requestOnce, scratchDatabase, seedUsers, startApp } from "./support/http-harness";

const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const RUNS = Number(process.env.BENCH_ARTICLE_RUNS ?? 31);
const TARGET_P50_MS = 60;
const TARGET_RATIO = 1.5;
const TARGET_JS_KB = 120;

const LONG_ID = "00000000-0000-4000-9000-000000000500";
const SHORT_ID = "00000000-0000-4000-9000-000000000010";

// A long read: 125 paragraphs of four check-worthy sentences and one of colour. In the 500-claim
// article each figure sentence carries a claim; in the 10-claim article the same places carry
// sentences of the same length without a figure, except for ten spread over the text, so that
// both pages have the same length of text and few suggestions (the editor's page shows them).
const SUBJECTS = ["spending on roads", "the housing budget", "bus use", "school funding", "the waiting list"];
const CLAIMANTS = ["the finance chief", "the council leader", "the transport minister", "Ms Okafor", "the opposition"];
const VERDICTS = ["verified", "false", "misleading", "disputed", "unverified"] as const;

interface Sentence {
  text: string;
  claim?: { exact: string; claimant: string; statement: string; n: number };
}

function paragraphs(claimed: (n: number) => boolean): Sentence[][] {
  let n = 0;
  return Array.from({ length: 125 }, (_, p) => {
    const sentences: Sentence[] = [];
    for (let k = 0; k < 4; k++, n++) {
      const subject = SUBJECTS[(p + k) % SUBJECTS.length]!;
      const claimant = CLAIMANTS[(p * 3 + k) % CLAIMANTS.length]!;
      const exact = `${subject} rose by ${(n % 37) + 2} per cent to £${(n % 90) + 10} million in ${2000 + (n % 25)}`;
      if (claimed(n)) {
        const text = `${claimant[0]!.toUpperCase()}${claimant.slice(1)} said that ${exact}, according to figures published this week.`;
        const statement = `${subject[0]!.toUpperCase()}${subject.slice(1)} rose by ${(n % 37) + 2}% to £${(n % 90) + 10}m in ${2000 + (n % 25)}, says ${claimant}.`;
        sentences.push({ text, claim: { exact, claimant, statement, n } });
      } else {
        const text = `Residents gathered outside the hall on a grey afternoon while the meeting about ${subject} went on well into the evening.`;
        sentences.push({ text });
      }
    }
    sentences.push({
      text: "Several speakers were interrupted by applause from the public gallery, and the chair called for quiet twice.",
    });
    return sentences;
  });
}

async function seedArticle(db: Awaited<ReturnType<typeof scratchDatabase>>, id: string, claimed: (n: number) => boolean) {
  const revisionId = id.replace("-9000-", "-a000-");
  const paras = paragraphs(claimed);
  const claims: { start: number; end: number; claim: NonNullable<Sentence["claim"]> }[] = [];
  let body = "";
  for (const [i, p] of paras.entries()) {
    if (i > 0) body += "\n\n";
    for (const [k, s] of p.entries()) {
      if (k > 0) body += " ";
      // ASCII and £ only: a UTF-16 index is a code-point offset here.
      if (s.claim) claims.push({ start: body.length + s.text.indexOf(s.claim.exact), end: 0, claim: s.claim });
      body += s.text;
    }
  }
  for (const c of claims) c.end = c.start + c.claim.exact.length;
  const d = db.handle.db;
  await d.execute(sql`insert into articles (id, title, slug, url, publisher, author, published_at, created_by) values
    (${id}, ${`Council budget: what the figures say (${claims.length} claims)`}, ${`budget-${claims.length}`},
     'https://news.example/budget', 'Example News', 'A. Reporter', '2026-11-30', ${EDITOR_ID})`);
  await d.execute(sql`insert into article_revisions (id, article_id, number, body, body_hash, normalizer_version, created_by)
    values (${revisionId}, ${id}, 1, ${body}, ${`h-${id}`}, 1, ${EDITOR_ID})`);
  await d.execute(sql`update articles set current_revision_id = ${revisionId} where id = ${id}`);
  const rows = claims.map(({ start, end, claim }) => {
    const verdict = VERDICTS[claim.n % VERDICTS.length]!;
    // Drafts, claims in review (some assigned) and approved claims, as a desk mid-way through.
    const status = verdict === "unverified" ? "draft" : claim.n % 3 === 0 ? "approved" : "in_review";
    return sql`(${id}, ${claim.exact}, ${body.slice(Math.max(0, start - 32), start)}, ${body.slice(end, end + 32)}, ${start}, ${end},
      ${revisionId}, ${claim.claimant}, ${claim.statement}, '2026-11-30', ${verdict},
      ${`We compared the figure with the council's published accounts for ${2000 + (claim.n % 25)} and asked the press office.`},
      ${status}, ${status === "draft" ? null : sql`now()`}, ${status === "approved" ? 1 : null}, ${status === "approved" ? REVIEWER_ID : null},
      ${status === "approved" ? sql`now()` : null}, ${status === "in_review" && claim.n % 4 === 0 ? REVIEWER_ID : null}, ${EDITOR_ID}, ${EDITOR_ID})`;
  });
  for (let i = 0; i < rows.length; i += 250) {
    await d.execute(sql`insert into claims (article_id, exact, prefix, suffix, start_cp, end_cp, anchor_revision_id, claimant, statement,
      claim_date, verdict, rationale, status, submitted_at, approved_version, approved_by, approved_at, assigned_reviewer_id, created_by, updated_by)
      values ${sql.join(rows.slice(i, i + 250), sql`, `)}`);
  }
  await d.execute(sql`insert into sources (claim_id, url, title, publisher, quote, accessed_at, kind, created_by)
    select c.id, 'https://council.example/accounts/' || k || '/' || c.start_cp, 'Statement of accounts, table ' || k,
           'Example Borough Council', 'Net expenditure for the year, as restated.', '2026-11-30',
           case when k = 1 then 'primary' else 'secondary' end, c.created_by
    from claims c cross join generate_series(1, 2) k where c.article_id = ${id}`);
  return claims.length;
}

/** The inline RSC payload: the string arguments of the `self.__next_f.push` scripts, as sent. */
function rscPayload(html: string): string {
  let payload = "";
  for (const m of html.matchAll(/<script[^>]*>(self\.__next_f\.push\([\s\S]*?\))<\/script>/g)) payload += m[1];
  return payload;
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

interface PageFigures {
  html: number;
  rsc: number;
  statementInRsc: number;
  statementInHtml: number;
  jsGzip: number;
  scripts: number;
  suggestions: number;
}

// The list beside the text shows its first hundred claims and a "Show all" link (claim-list.tsx).
const FOLDED_LIST_LENGTH = 100;

async function inspect(
  base: string,
  path: string,
  cookie: string,
  claims: number,
  statement: string,
  listed = Math.min(claims, FOLDED_LIST_LENGTH),
): Promise<PageFigures> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  const html = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  if (process.env.BENCH_ARTICLE_SAVE) {
    const file = `${process.env.BENCH_ARTICLE_SAVE}/${path.replace(/\W+/g, "_")}.html`;
    (await import("node:fs")).writeFileSync(file, html);
  }
  // What it names: every claim highlighted in the text and listed beside it (a long list folded
  // after its first hundred, with a link to all of them).
  const highlights = count(html, 'class="claim v-');
  const items = count(html, 'data-testid="claim-item"');
  if (highlights !== claims || items !== listed)
    throw new Error(`${path}: ${highlights} highlights and ${items} list items, expected ${claims} and ${listed}`);
  if (listed < claims && !html.includes(`Show all ${claims} claims`))
    throw new Error(`${path}: the folded list has no "Show all"`);
  // Scripts a module-capable browser runs: not the `noModule` polyfills, which only older ones load.
  const srcs = [
    ...new Set(
      [...html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"([^>]*)>/g)]
        .filter((m) => !/nomodule/i.test(m[1]! + m[3]!))
        .map((m) => m[2]!),
    ),
  ];
  let jsGzip = 0;
  for (const src of srcs) {
    const js = await fetch(new URL(src.replaceAll("&amp;", "&"), base)).then((r) => r.arrayBuffer());
    const size = gzipSync(Buffer.from(js)).length;
    if (process.env.BENCH_ARTICLE_VERBOSE === "1") console.log(`${path}: ${src} ${js.byteLength} B, ${size} B gzip`);
    jsGzip += size;
  }
  const rsc = rscPayload(html);
  return {
    html: Buffer.byteLength(html),
    rsc: Buffer.byteLength(rsc),
    statementInRsc: count(rsc, statement),
    statementInHtml: count(html, statement),
    jsGzip,
    scripts: srcs.length,
    suggestions: count(html, 'class="suggestion"'),
  };
}

const db = await scratchDatabase(server, "article");
let app: Awaited<ReturnType<typeof startApp>> | undefined;
let failed: boolean | undefined;
try {
  await seedUsers(db.handle);
  const longCount = await seedArticle(db, LONG_ID, () => true);
  const shortCount = await seedArticle(db, SHORT_ID, (n) => n % 50 === 25);
  if (longCount !== 500 || shortCount !== 10) throw new Error(`seeded ${longCount} and ${shortCount} claims`);
  await db.handle.db.execute(sql`analyze`);
  const [first] = (await db.handle.db.execute(
    sql`select id, statement from claims where article_id = ${LONG_ID} order by start_cp offset 250 limit 1`,
  )) as unknown as { id: string; statement: string }[];
  if (!db.url) await db.handle.close(); // PGlite: one process at a time; the app opens it now
  const profile = process.env.BENCH_ARTICLE_PROFILE;
  app = await startApp(db, {}, profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []);
  const cookie = await login(app.base, "ed@bench.example");
  const pages = {
    long: `/articles/${LONG_ID}`,
    short: `/articles/${SHORT_ID}`,
    all: `/articles/${LONG_ID}?claims=all`,
    // The review page of a claim in the long article: it reads the article's text, not its claims.
    review: `/review/${first!.id}`,
  };
  const statement = first!.statement;
  if (process.env.BENCH_ARTICLE_HOLD === "1") {
    // Keeps the app up for experiments by hand until interrupted.
    console.log(JSON.stringify({ base: app.base, cookie, pages }));
    await new Promise((resolve) => process.once("SIGINT", resolve));
  }
  const long = await inspect(app.base, pages.long, cookie, 500, statement);
  // The 251st claim in the text: beyond the fold, so the list is whole.
  const withPanel = await inspect(app.base, `${pages.long}?claim=${first!.id}`, cookie, 500, statement, 500);
  const short = await inspect(app.base, pages.short, cookie, 10, "\u0000");
  const whole = await inspect(app.base, pages.all, cookie, 500, statement, 500);
  {
    const res = await fetch(`${app.base}${pages.review}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("Review claim") || !html.includes(statement))
      throw new Error(`${pages.review}: ${res.status}, not the review page of its claim`);
  }

  // Timed with node:http over one keep-alive connection, asking for gzip as a browser does (the
  // server compresses as for a browser; the client gunzips). Until 2026-12-02 with `fetch`, whose
  // own cost on these two cores added ~6 ms to the 500-claim page and ~3 ms to the 10-claim one
  // (BENCH_ARTICLE_CLIENT=fetch; bench/README.md, "The article page timed with a leaner client").
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = async (path: string) => {
    const t0 = performance.now();
    let status: number;
    if (process.env.BENCH_ARTICLE_CLIENT === "fetch") {
      const res = await fetch(`${app!.base}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      status = res.status;
    } else {
      const headers = { cookie, "accept-encoding": "gzip" };
      status = (await requestOnce(agent, new URL(path, app!.base), { headers })).status;
    }
    if (status !== 200) throw new Error(`${path}: ${status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 10; i++) {
    await get(pages.long);
    await get(pages.short);
    await get(pages.all);
    await get(pages.review);
  }
  const times = { long: [] as number[], short: [] as number[], all: [] as number[], review: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    times.long.push(await get(pages.long));
    times.short.push(await get(pages.short));
    times.all.push(await get(pages.all));
    times.review.push(await get(pages.review));
  }
  const p50Long = median(times.long);
  const p50Short = median(times.short);
  agent.destroy();
  const p50All = median(times.all);
  const ratio = p50Long / p50Short;
  const kb = (b: number) => `${(b / 1000).toFixed(0)} kB`;

  const fs = await import("node:fs");
  const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" / ");
  console.log(`article page, ${db.url ? "PostgreSQL" : "PGlite"}, ${RUNS} requests each, load average ${load}`);
  console.log(
    "| page | render p50 | HTML | inline RSC payload | one statement in RSC / HTML | first-load JS (gzip, scripts) | suggestions shown |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  const row = (label: string, p50: number | null, f: PageFigures) =>
    console.log(
      `| ${label} | ${p50 === null ? "" : `${p50.toFixed(1)} ms`} | ${kb(f.html)} | ${kb(f.rsc)} | ${f.statementInRsc} / ${f.statementInHtml} | ${kb(f.jsGzip)} (${f.scripts}) | ${f.suggestions} |`,
    );
  row("500 claims (list folded after 100)", p50Long, long);
  row("500 claims, the 251st open in the panel (whole list)", null, withPanel);
  row("500 claims, whole list (`?claims=all`)", p50All, whole);
  row("10 claims, same text", p50Short, short);
  // The floor: the chunks every App Router page loads (React, the router, the bundler's runtime).
  const manifest = JSON.parse(fs.readFileSync(".next/build-manifest.json", "utf8")) as { rootMainFiles: string[] };
  const floor = manifest.rootMainFiles.reduce((n, f) => n + gzipSync(fs.readFileSync(`.next/${f}`)).length, 0);
  console.log(`\nFramework floor (rootMainFiles, every page loads them): ${kb(floor)} gzip.`);
  console.log(`Review page of the 251st claim (no target; timed in the same loop): p50 ${median(times.review).toFixed(1)} ms.`);
  const js = Math.max(long.jsGzip, withPanel.jsGzip);
  const checks = [
    {
      label: "500-claim page render p50",
      value: `${p50Long.toFixed(1)} ms`,
      target: `≤ ${TARGET_P50_MS} ms`,
      met: p50Long <= TARGET_P50_MS,
    },
    { label: "500 ÷ 10 claims", value: `${ratio.toFixed(2)}×`, target: `≤ ${TARGET_RATIO}×`, met: ratio <= TARGET_RATIO },
    { label: "first-load JS, gzip", value: kb(js), target: `≤ ${TARGET_JS_KB} kB`, met: js <= TARGET_JS_KB * 1000 },
    {
      label: "a claim's statement in the RSC payload",
      value: `${Math.max(long.statementInRsc, withPanel.statementInRsc - 1)}×`,
      target: "once (and once more for the open claim's panel)",
      met: long.statementInRsc <= 1 && withPanel.statementInRsc <= 2,
    },
  ];
  console.log("\n| target | value | met |\n| --- | ---: | --- |");
  for (const c of checks) console.log(`| ${c.label} (${c.target}) | ${c.value} | ${c.met ? "yes" : "NO"} |`);
  // The payload check always counts; the speed and size targets of issue 13 are printed on every
  // run and enforced with BENCH_ARTICLE_ENFORCE=1 (the first-load JavaScript target is below what
  // React and the Next.js router alone weigh: bench/README.md).
  const enforce = process.env.BENCH_ARTICLE_ENFORCE === "1";
  failed = !checks[3]!.met || (enforce && checks.slice(0, 3).some((c) => !c.met));
} finally {
  await app?.stop();
  await db.drop();
}
process.exit(failed === false ? 0 : 1);
