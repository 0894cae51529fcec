import "server-only";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/lib/database";
import { articleRevisions, articles, claims, sources, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import { type Actor, can } from "../auth/permissions";
import { parseInput } from "../errors";
import { HIGHLIGHT_END, HIGHLIGHT_START, MARKUP_STAND_INS, hasMatch, toSegments } from "./highlight";
import { decodeKeysetCursor, encodeKeysetCursor } from "./keyset-cursor";
import { parseSearchQuery } from "./parse-query";
import { hasTrigram } from "./trigram";
import { searchSchema, type ClaimHit, type ArticleHit, type SearchResult } from "./search-schemas";

/**
 * Stored text as ts_headline may read it: the highlight markers are removed (only its own marks
 * remain), and "<", ">" and "&" are swapped for stand-ins (highlight.ts swaps them back), because
 * ts_headline drops whatever looks like an HTML tag and the page must show the text as written.
 */
const stripMarks = (column: unknown) =>
  sql`translate(${column}, ${`<>&${HIGHLIGHT_START}${HIGHLIGHT_END}`}, ${MARKUP_STAND_INS})`;
const SHORT_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;
const PASSAGE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … "`;
/** ts_headline reads the whole text it is given: long article texts are cut for the excerpt only. */
const EXCERPT_CHARS = 200_000;
/** Up to this many matching articles are sorted by date; beyond it, articles are walked newest first. */
const ARTICLE_MATCH_CAP = 1000;

function headline(column: unknown, tsq: SQL, options: string): SQL<string> {
  return sql<string>`ts_headline('english', ${stripMarks(column)}, ${tsq}, ${options})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Search across the desk: claims (quote, statement, claimant, "how we checked" note, sources'
 * titles, publishers and addresses) and articles (title and current text), newest first, each
 * list keyset-paged. Every result is one the actor may read on the desk's pages; a source marked
 * internal only makes a claim match, and is shown, for those allowed to see internal sources.
 */
export async function searchDesk(actor: Actor | null, input: unknown): Promise<SearchResult> {
  const user = await authorize(actor, "claim:read", { type: "search" });
  await authorize(user, "article:read", { type: "search" });
  const query = parseInput(searchSchema, input);
  const parsed = parseSearchQuery(query.q);
  const includeInternal = can(user, "report:read-internal");
  const db = await getDb();
  const tsq = sql`websearch_to_tsquery('english', ${parsed.text})`;
  // A query of stop words only ("we are") gives an empty tsquery, which matches nothing.
  const [probe] = parsed.text
    ? await db.select({ nodes: sql<number>`numnode(${tsq})` }).from(sql`(select 1) as one`)
    : [{ nodes: 0 }];
  const hasWords = Number(probe?.nodes ?? 0) > 0;
  const typedButEmpty = parsed.text !== "" && !hasWords && parsed.name === null;

  const filters: Record<string, string> = {};
  for (const key of ["verdict", "status", "claimant", "article", "editor", "from", "to"] as const) {
    const v = query[key];
    if (v) filters[key] = v;
  }
  const claimOnly = Boolean(query.verdict || query.status || query.claimant);
  const wantClaims = query.kind !== "articles";
  const wantArticles = query.kind !== "claims" && !claimOnly;
  // Highlighting asks for any of the typed words (search-desk matches them all, and figures too).
  const hlq = parsed.highlightWords.length
    ? sql`to_tsquery('english', ${parsed.highlightWords.map((w) => `'${w}'`).join(" | ")})`
    : tsq;
  const ctx = { db, tsq, hlq, hasWords, includeInternal, query, parsed, trigram: await hasTrigram(db) };

  const [claimPage, articlePage] = await Promise.all([
    wantClaims && !typedButEmpty ? searchClaims(ctx) : { results: [], next: null },
    wantArticles && !typedButEmpty ? searchArticles(ctx) : { results: [], next: null },
  ]);
  return {
    query: { q: query.q, filters },
    claims: claimPage,
    articles: { ...articlePage, searched: wantArticles },
  };
}

interface SearchContext {
  db: Db;
  tsq: SQL;
  /** The query ts_headline marks words with. */
  hlq: SQL;
  hasWords: boolean;
  includeInternal: boolean;
  trigram: boolean;
  query: z.infer<typeof searchSchema>;
  parsed: ReturnType<typeof parseSearchQuery>;
}

function dateRange(column: unknown, query: SearchContext["query"]): SQL[] {
  const where: SQL[] = [];
  if (query.from) where.push(sql`${column} >= ${query.from}::date`);
  if (query.to) where.push(sql`${column} < ${query.to}::date + 1`);
  return where;
}

async function searchClaims(ctx: SearchContext): Promise<SearchResult["claims"]> {
  const { db, tsq, query, parsed } = ctx;
  // The filters and the page bound apply inside each way of matching, so that each branch reads
  // only its own rows from the index (no join back to claims for thousands of matches).
  const filters: SQL[] = [];
  if (query.verdict) filters.push(eq(claims.verdict, query.verdict));
  if (query.status) filters.push(eq(claims.status, query.status));
  if (query.claimant) filters.push(sql`${claims.claimant} ilike ${`%${escapeLike(query.claimant)}%`}`);
  if (query.article) filters.push(eq(claims.articleId, query.article));
  if (query.editor) filters.push(eq(claims.createdBy, query.editor));
  filters.push(...dateRange(claims.createdAt, query));
  if (query.claimsAfter) {
    const c = decodeKeysetCursor(query.claimsAfter, "claimsAfter");
    filters.push(sql`(${claims.createdAt}, ${claims.id}) < (${c.at}::timestamptz, ${c.id}::uuid)`);
  }
  const ways: SQL[] = [];
  if (ctx.hasWords) {
    ways.push(sql`${claims.searchVector} @@ ${tsq}`);
    ways.push(
      sql`${claims.id} in (select ${sources.claimId} from ${sources} where ${sources.searchVector} @@ ${tsq}${
        ctx.includeInternal ? sql`` : sql` and not ${sources.internal}`
      })`,
    );
  }
  if (parsed.name) {
    // Names that full text misses: another spelling of the claimant ("Sunack" for "Sunak").
    ways.push(
      ctx.trigram
        ? sql`lower(${claims.claimant}) % ${parsed.name}`
        : sql`${claims.claimant} ilike ${`%${escapeLike(parsed.name)}%`}`,
    );
  }
  const branch = (way: SQL | undefined) =>
    sql`(select ${claims.id} as id, ${claims.createdAt} as created_at from ${claims} where ${and(way, ...filters) ?? sql`true`} order by ${claims.createdAt} desc, ${claims.id} desc limit ${query.limit + 1})`;
  const union = ways.length ? sql.join(ways.map(branch), sql` union `) : branch(undefined);
  const page = (await db.execute(
    sql`select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from (${union}) hits order by created_at desc, id desc limit ${query.limit + 1}`,
  )) as unknown as { id: string; at: string }[] | { rows: { id: string; at: string }[] };
  const all = Array.isArray(page) ? page : page.rows;
  const rows = all.slice(0, query.limit);
  const last = rows[rows.length - 1];
  const next = all.length > query.limit && last ? encodeKeysetCursor({ at: last.at, id: last.id }) : null;
  if (rows.length === 0) return { results: [], next: null };

  const ids = rows.map((r) => r.id);
  const marked = (column: unknown, options = SHORT_OPTIONS) =>
    ctx.hasWords ? headline(column, ctx.hlq, options) : sql<string>`${column}`;
  const details = await db
    .select({
      id: claims.id,
      articleId: claims.articleId,
      statement: claims.statement,
      exact: claims.exact,
      claimant: claims.claimant,
      verdict: claims.verdict,
      status: claims.status,
      createdAt: claims.createdAt,
      editorId: users.id,
      editorName: users.name,
      title: articles.title,
      slug: articles.slug,
      hlStatement: marked(claims.statement),
      hlClaimant: marked(sql`coalesce(${claims.claimant}, '')`),
      hlExact: marked(claims.exact, PASSAGE_OPTIONS),
      hlRationale: marked(claims.rationale, PASSAGE_OPTIONS),
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(users, eq(users.id, claims.createdBy))
    .where(inArray(claims.id, ids));
  const sourceRows = ctx.hasWords
    ? await db
        .select({
          id: sources.id,
          claimId: sources.claimId,
          title: headline(sources.title, ctx.hlq, SHORT_OPTIONS),
          publisher: sources.publisher,
          url: sources.url,
          internal: sources.internal,
        })
        .from(sources)
        .where(
          and(
            inArray(sources.claimId, ids),
            sql`${sources.searchVector} @@ ${tsq}`,
            ctx.includeInternal ? undefined : eq(sources.internal, false),
          ),
        )
        .orderBy(sources.createdAt)
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const results: ClaimHit[] = [];
  for (const id of ids) {
    const d = byId.get(id);
    if (!d) continue; // deleted between the two queries
    const highlights: ClaimHit["highlights"] = {};
    const fields = { statement: d.hlStatement, claimant: d.hlClaimant, exact: d.hlExact, rationale: d.hlRationale };
    for (const [field, text] of Object.entries(fields) as [keyof typeof fields, string][]) {
      const segments = toSegments(text, parsed.figures);
      // The quote is left out when the statement is the quote itself (the default when marking).
      if (field === "exact" && d.exact === d.statement) continue;
      if (hasMatch(segments) || (field === "claimant" && parsed.name && d.claimant)) highlights[field] = segments;
    }
    results.push({
      claim: {
        id: d.id,
        articleId: d.articleId,
        statement: d.statement,
        claimant: d.claimant,
        verdict: d.verdict,
        status: d.status,
        createdAt: d.createdAt.toISOString(),
        editor: { id: d.editorId, name: d.editorName },
      },
      article: { id: d.articleId, title: d.title, slug: d.slug },
      highlights,
      sources: sourceRows
        .filter((s) => s.claimId === id)
        .map((s) => ({ id: s.id, title: toSegments(s.title), publisher: s.publisher, url: s.url, internal: s.internal })),
    });
  }
  return { results, next };
}

async function searchArticles(ctx: SearchContext): Promise<{ results: ArticleHit[]; next: string | null }> {
  const { db, tsq, query, parsed } = ctx;
  if (!ctx.hasWords && parsed.text) return { results: [], next: null };
  const filters: SQL[] = [];
  if (query.article) filters.push(eq(articles.id, query.article));
  if (query.editor) filters.push(eq(articles.createdBy, query.editor));
  filters.push(...dateRange(articles.createdAt, query));
  if (query.articlesAfter) {
    const c = decodeKeysetCursor(query.articlesAfter, "articlesAfter");
    filters.push(sql`(${articles.createdAt}, ${articles.id}) < (${c.at}::timestamptz, ${c.id}::uuid)`);
  }
  // Title and current text (articles.text_vector, a copy of the current revision's) in one table:
  // a word that was corrected away no longer finds the article.
  const where =
    and(ctx.hasWords ? sql`(${articles.searchVector} @@ ${tsq} or ${articles.textVector} @@ ${tsq})` : undefined, ...filters) ??
    sql`true`;
  const at = sql`to_char(${articles.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const ordered = sql`select ${articles.id} as id, ${at} as at from ${articles} where ${where} order by ${articles.createdAt} desc, ${articles.id} desc limit ${query.limit + 1}`;
  type Row = { id: string; at: string };
  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Row[];
  let page: Row[];
  if (!ctx.hasWords) {
    page = rowsOf(await db.execute(ordered));
  } else {
    // Newest first among the matches. Few matches (the usual case): take them all from the text
    // indexes and sort. Many: walk the articles newest first and stop at a page, which then ends
    // within a few thousand rows. PostgreSQL cannot tell the two apart from its statistics (a
    // figure or a rare name looked like a common word), so the first query counts up to a cap.
    const counted = rowsOf(
      await db.execute(
        sql`with hits as materialized (select ${articles.id} as id, ${articles.createdAt} as created_at from ${articles} where ${where} limit ${ARTICLE_MATCH_CAP + 1})
            select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, (select count(*) from hits)::int as n
            from hits order by created_at desc, id desc limit ${query.limit + 1}`,
      ),
    ) as (Row & { n: number })[];
    if ((counted[0]?.n ?? 0) <= ARTICLE_MATCH_CAP) {
      page = counted;
    } else {
      page = await db.transaction(async (tx) => {
        // For this statement only: no bitmap of every match and no parallel workers (which each scan
        // their whole share before the leader can stop them).
        await tx.execute(sql`set local enable_bitmapscan = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
        return rowsOf(await tx.execute(ordered));
      });
    }
  }
  const rows = page.slice(0, query.limit);
  const last = rows[rows.length - 1];
  const next = page.length > query.limit && last ? encodeKeysetCursor({ at: last.at, id: last.id }) : null;
  if (rows.length === 0) return { results: [], next: null };
  const details = await db
    .select({
      id: articles.id,
      title: articles.title,
      slug: articles.slug,
      createdAt: articles.createdAt,
      bodyMatches: ctx.hasWords ? sql<boolean>`${articleRevisions.searchVector} @@ ${tsq}` : sql<boolean>`false`,
      hlTitle: ctx.hasWords ? headline(articles.title, ctx.hlq, SHORT_OPTIONS) : sql<string>`${articles.title}`,
      excerpt: ctx.hasWords
        ? headline(sql`left(${articleRevisions.body}, ${EXCERPT_CHARS})`, ctx.hlq, PASSAGE_OPTIONS)
        : sql<string>`''`,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
    .where(
      inArray(
        articles.id,
        rows.map((r) => r.id),
      ),
    );
  const byId = new Map(details.map((d) => [d.id, d]));
  const results: ArticleHit[] = [];
  for (const r of rows) {
    const d = byId.get(r.id);
    if (!d) continue;
    const excerpt = d.bodyMatches ? toSegments(d.excerpt, parsed.figures) : [];
    results.push({
      article: { id: d.id, title: d.title, slug: d.slug, createdAt: d.createdAt.toISOString() },
      title: toSegments(d.hlTitle, parsed.figures),
      excerpt: hasMatch(excerpt) ? excerpt : [],
    });
  }
  return { results, next };
}
