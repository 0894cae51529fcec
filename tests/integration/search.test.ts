import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import type { Segment } from "../../lib/search/highlight";
import type { SearchInput } from "../../lib/search/search-schemas";
import { searchDesk } from "../../lib/search/search-desk";
import { hasTrigram } from "../../lib/search/trigram";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
let actors: Awaited<ReturnType<typeof createActors>>;
const ids = { a1: "", a2: "", inflation: "", bridge: "", troops: "", hidden: "" };

const marked = (segments: Segment[] | undefined) => (segments ?? []).filter((s) => s.match).map((s) => s.text);
const search = (input: SearchInput) => searchDesk(actors.editor, input);
const claimIds = async (input: SearchInput) => (await search(input)).claims.results.map((r) => r.claim.id);

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

beforeAll(async () => {
  actors = await createActors("search");
  const a1 = await createArticle(actors.editor, {
    title: "Budget day: the chancellor's figures",
    body: [
      "Inflation is now 2.3%, the chancellor told MPs on Tuesday.",
      "The new bridge will cost £3.4bn, according to the transport minister.",
      "Some 10,000 troops were sent to the border, the ministry said.",
      "A quiet paragraph about <script>alert(1)</script> markup in the text.",
    ].join("\n\n"),
  });
  ids.a1 = a1.id;
  const a2 = await createArticle(actors.editor2, {
    title: "Weather report",
    body: "Rain is expected across the north. The forecast mentions zanzibarite clouds.",
  });
  ids.a2 = a2.id;
  const inflation = await createClaim(actors.editor, a1.id, {
    exact: "Inflation is now 2.3%",
    claimant: "Rishi Sunak",
  });
  ids.inflation = inflation.id;
  const checked = await updateClaim(actors.editor, inflation.id, {
    version: inflation.version,
    verdict: "verified",
    rationale: "We compared the figure with the Office for National Statistics release for October.",
  });
  await addSource(actors.editor, inflation.id, {
    url: "https://www.ons.gov.uk/economy/inflationandpriceindices",
    title: "Consumer price inflation, UK: October",
    publisher: "Office for National Statistics",
    claimVersion: checked.version,
  });
  ids.bridge = (await createClaim(actors.editor, a1.id, { exact: "The new bridge will cost £3.4bn" })).id;
  ids.troops = (await createClaim(actors.editor2, a1.id, { exact: "Some 10,000 troops were sent to the border" })).id;
  const hidden = await createClaim(actors.editor2, a2.id, { exact: "Rain is expected across the north" });
  ids.hidden = hidden.id;
  await addSource(actors.editor2, hidden.id, {
    url: "https://example.org/informant",
    title: "Conversation with a meteorologist informant",
    internal: true,
    claimVersion: hidden.version,
  });
});

describe("search across the desk", () => {
  it("finds a figure written another way, and highlights it as written", async () => {
    const result = await search({ q: "2.3 per cent" });
    expect(result.claims.results.map((r) => r.claim.id)).toEqual([ids.inflation]);
    const hit = result.claims.results[0]!;
    expect(marked(hit.highlights.statement)).toEqual(["2.3%"]);
    expect(hit.article).toMatchObject({ id: ids.a1, title: "Budget day: the chancellor's figures" });
    expect(hit.claim).toMatchObject({ verdict: "verified", claimant: "Rishi Sunak", editor: { id: actors.editor.id } });
    // The article's text holds the figure too.
    expect(result.articles.results.map((r) => r.article.id)).toEqual([ids.a1]);
    expect(marked(result.articles.results[0]!.excerpt)).toContain("2.3%");
  });

  it("matches money with scale words and currency words, and thousands with or without commas", async () => {
    expect(await claimIds({ q: "£3.4 billion" })).toEqual([ids.bridge]);
    expect(await claimIds({ q: "3.4 billion pounds" })).toEqual([ids.bridge]);
    expect(await claimIds({ q: "10000 troops" })).toEqual([ids.troops]);
    expect(await claimIds({ q: "2.3" })).toEqual([ids.inflation]);
    // Another amount or another unit is another figure.
    expect(await claimIds({ q: "2.4 per cent" })).toEqual([]);
    expect(await claimIds({ q: "$3.4bn" })).toEqual([]);
  });

  it("searches the note, the claimant and the sources' title, publisher and address", async () => {
    const byNote = await search({ q: "compared statistics" });
    expect(byNote.claims.results.map((r) => r.claim.id)).toEqual([ids.inflation]);
    expect(marked(byNote.claims.results[0]!.highlights.rationale)).toEqual(["compared", "Statistics"]);
    const bySource = await search({ q: "consumer price" });
    expect(bySource.claims.results[0]!.sources.map((s) => marked(s.title))).toEqual([["Consumer", "price"]]);
    expect(await claimIds({ q: "ons.gov.uk" })).toEqual([ids.inflation]);
    expect(await claimIds({ q: "Sunak" })).toEqual([ids.inflation]);
  });

  it("finds a claimant spelled slightly differently", async () => {
    const trigram = await hasTrigram(db.handle().db);
    expect(trigram, "pg_trgm is loaded on both databases").toBe(true);
    const result = await search({ q: "Rishi Sunack" });
    expect(result.claims.results.map((r) => r.claim.id)).toEqual([ids.inflation]);
    expect(result.claims.results[0]!.highlights.claimant).toBeDefined();
  });

  it("understands stems, phrases and excluded words", async () => {
    expect(await claimIds({ q: "sending troop" })).toEqual([]);
    expect(await claimIds({ q: "sent troop" })).toEqual([ids.troops]);
    expect(await claimIds({ q: '"bridge will cost"' })).toEqual([ids.bridge]);
    expect(await claimIds({ q: '"cost will bridge"' })).toEqual([]);
    expect((await claimIds({ q: "border or bridge" })).sort()).toEqual([ids.bridge, ids.troops].sort());
    expect(await claimIds({ q: "bridge or border -troops" })).toEqual([ids.bridge]);
    // Only stop words: nothing, not an error.
    const empty = await search({ q: "we are the" });
    expect(empty.claims.results).toEqual([]);
    expect(empty.articles.results).toEqual([]);
  });

  it("applies every filter, and a claim-only filter leaves articles out", async () => {
    expect(await claimIds({ verdict: "verified" })).toEqual([ids.inflation]);
    expect((await claimIds({ status: "draft", verdict: "unverified", article: ids.a1 })).sort()).toEqual(
      [ids.bridge, ids.troops].sort(),
    );
    expect(await claimIds({ editor: actors.editor2.id, article: ids.a1 })).toEqual([ids.troops]);
    expect(await claimIds({ claimant: "sunak" })).toEqual([ids.inflation]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await claimIds({ q: "bridge", from: today, to: today })).toEqual([ids.bridge]);
    expect(await claimIds({ q: "bridge", to: "2000-01-01" })).toEqual([]);
    expect((await search({ q: "bridge", verdict: "unverified" })).articles).toMatchObject({ searched: false, results: [] });
    expect((await search({ q: "zanzibarite", editor: actors.editor2.id })).articles.results.map((r) => r.article.id)).toEqual([
      ids.a2,
    ]);
  });

  it("refuses bad parameters field by field and anonymous callers", async () => {
    const bad = await appError(search({ verdict: "great" as never, from: "yesterday", limit: 500 }));
    expect(bad.code).toBe("validation_failed");
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["from", "limit", "verdict"]);
    expect((await appError(search({ from: "2026-02-01", to: "2026-01-01" }))).fields).toHaveProperty("to");
    expect((await appError(search({ claimsAfter: "not-a-cursor" }))).fields).toHaveProperty("claimsAfter");
    expect((await appError(searchDesk(null, { q: "bridge" }))).code).toBe("unauthorized");
  });

  it("pages by keyset without skipping or repeating", async () => {
    const article = await createArticle(actors.editor, {
      title: "Paging",
      body: Array.from({ length: 5 }, (_, i) => `Quokka census ${i + 1} counted animals.`).join("\n\n"),
    });
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) made.push((await createClaim(actors.editor, article.id, { exact: `Quokka census ${i}` })).id);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await search({ q: "quokka", kind: "claims", limit: 2, claimsAfter: after });
      expect(result.articles.results).toEqual([]);
      seen.push(...result.claims.results.map((r) => r.claim.id));
      if (!result.claims.next) break;
      after = result.claims.next;
    }
    expect(seen).toEqual([...made].reverse());
  });

  it("searches the current text of an article only", async () => {
    expect((await search({ q: "zanzibarite" })).articles.results.map((r) => r.article.id)).toEqual([ids.a2]);
    await createRevision(actors.editor2, ids.a2, {
      body: "Rain is expected across the north. The forecast mentions grey clouds.",
    });
    expect((await search({ q: "zanzibarite" })).articles.results).toEqual([]);
    expect((await search({ q: "grey clouds" })).articles.results.map((r) => r.article.id)).toEqual([ids.a2]);
  });

  it("pages newest first through more matching articles than it sorts in one go, title or text", async () => {
    // 1,030 articles (above the 1,000 the search sorts by date at once), every third matching by
    // its title and the others by their text; created a second apart, so the order is known.
    const n = 1030;
    const run = (q: ReturnType<typeof sql>) => db.handle().db.execute(q);
    await run(sql`
      insert into articles (title, slug, created_by, created_at)
      select case when g % 3 = 0 then 'Okapi sighting ' || g else 'Sighting ' || g end, 'okapi-' || g, ${actors.editor.id}::uuid,
             timestamptz '2020-01-01' + g * interval '1 second'
      from generate_series(1, ${n}) g`);
    await run(sql`
      insert into article_revisions (article_id, number, body, body_hash, normalizer_version, created_by)
      select id, 1, case when title like 'Okapi%' then 'Nothing here.' else 'An okapi was seen.' end, 'h', 1, ${actors.editor.id}::uuid
      from articles where slug like 'okapi-%'`);
    // Setting the current revision copies its search words onto the article (a trigger).
    await run(
      sql`update articles a set current_revision_id = r.id from article_revisions r where r.article_id = a.id and a.slug like 'okapi-%'`,
    );
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 60 && seen.length < 45; page++) {
      const result = await search({ q: "okapi", kind: "articles", limit: 15, articlesAfter: after });
      seen.push(...result.articles.results.map((r) => r.article.slug));
      if (!result.articles.next) break;
      after = result.articles.next;
    }
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `okapi-${n - i}`));
    // The same order when the matches are few enough to sort at once.
    const few = await search({ q: "okapi sighting", kind: "articles", limit: 3 });
    expect(few.articles.results.map((r) => r.article.slug)).toEqual(["okapi-1029", "okapi-1026", "okapi-1023"]);
  });

  it("returns markup as plain text segments", async () => {
    const result = await search({ q: "quiet paragraph markup" });
    const excerpt = result.articles.results[0]!.excerpt;
    expect(excerpt.map((s) => s.text).join("")).toContain("A quiet paragraph about <script>alert(1)</script> markup");
    expect(marked(excerpt)).toEqual(["quiet", "paragraph", "markup"]);
  });

  it("lists internal sources only to roles allowed to see them", async () => {
    // Every desk role may read internal sources today (lib/auth/permissions.ts): they match.
    const result = await searchDesk(actors.reviewer, { q: "meteorologist informant" });
    expect(result.claims.results.map((r) => r.claim.id)).toEqual([ids.hidden]);
    expect(result.claims.results[0]!.sources[0]).toMatchObject({ internal: true });
  });
});
