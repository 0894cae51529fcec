import "server-only";
import { and, asc, desc, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { fixedStatement, getDb } from "@/lib/database";
import { articleRevisions, articles, claims } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type ClaimView, claimViewSchema, toClaimView } from "../claims/claim-view";
import { claimAssignee, claimCreator, claimNameColumns, claimFieldColumns } from "../claims/claim-store";
import { viewSchema } from "../api/view-schema";
import { isVerdict } from "../claims/verdicts";
import { AppError, notFound, parseInput } from "../errors";
import { isUuid } from "../validation";
import { isSlug } from "./slug";
import {
  type ArticleProgress,
  type ArticleSummary,
  type ClaimStatus,
  articleSummarySchema,
  emptyProgress,
  toArticleSummary,
} from "./article-view";

export interface ArticleDetail extends ArticleSummary {
  revisionId: string;
  body: string;
  bodyHash: string;
  claims: ClaimView[];
  revisions: { number: number; createdAt: string }[];
}

export const articleDetailSchema = viewSchema<ArticleDetail>()(
  articleSummarySchema.extend({
    revisionId: z.string(),
    body: z.string(),
    bodyHash: z.string(),
    claims: z.array(claimViewSchema),
    revisions: z.array(z.object({ number: z.number().int(), createdAt: z.string() })),
  }),
);

/** Longest title search, in characters: the schema below and the articles page's `maxLength`. */
export const ARTICLE_QUERY_MAX = 200;

export const listArticlesSchema = z.strictObject({
  /** Words of the title to look for. */
  q: z.string().trim().max(ARTICLE_QUERY_MAX, `Search for at most ${ARTICLE_QUERY_MAX} characters.`).optional(),
  /** Opaque cursor from the previous page's `next`. */
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, "limit is 1 to 200.").max(200, "limit is 1 to 200.").default(50),
});

export interface ArticlePage {
  articles: ArticleSummary[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

export const articlePageSchema = viewSchema<ArticlePage>()(
  z.object({ articles: z.array(articleSummarySchema), next: z.string().nullable() }),
);

/** created_at to the microsecond, so that keyset pages neither skip nor repeat rows. */
const CREATED_AT_EXACT = sql<string>`to_char(${articles.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function decodeCursor(value: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) && isUuid(id)) return { at, id };
  } catch {
    /* fall through */
  }
  throw new AppError("validation_failed", "That page link is not valid.", { before: "Not a page cursor from this list." });
}

/** Newest first, with progress by verdict and status; search by title; keyset pages. */
export async function listArticles(actor: Actor | null, input: unknown = {}): Promise<ArticlePage> {
  await authorize(actor, "article:read", { type: "article" });
  const query = parseInput(listArticlesSchema, input);
  const where: SQL[] = [];
  if (query.q) {
    for (const word of query.q.split(/\s+/).slice(0, 8)) {
      where.push(ilike(articles.title, `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    }
  }
  if (query.before) {
    const cursor = decodeCursor(query.before);
    where.push(sql`(${articles.createdAt}, ${articles.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const db = await getDb();
  const all = await db
    .select({ article: articles, revision: articleRevisions.number, createdAtExact: CREATED_AT_EXACT })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(articles.createdAt), desc(articles.id))
    .limit(query.limit + 1);
  const rows = all.slice(0, query.limit);
  const last = rows[rows.length - 1];
  const next =
    all.length > query.limit && last
      ? Buffer.from(JSON.stringify([last.createdAtExact, last.article.id]), "utf8").toString("base64url")
      : null;
  if (rows.length === 0) return { articles: [], next: null };
  const progress = await progressByArticle(rows.map((r) => r.article.id));
  return { articles: rows.map((r) => toArticleSummary(r.article, r.revision, progress.get(r.article.id))), next };
}

/** Each article's claims counted by verdict and status: one grouped query, not one per article. */
async function progressByArticle(articleIds: string[]): Promise<Map<string, ArticleProgress>> {
  const db = await getDb();
  const counts = await db
    .select({
      articleId: claims.articleId,
      verdict: claims.verdict,
      status: claims.status,
      n: sql<number>`count(*)::int`,
    })
    .from(claims)
    .where(inArray(claims.articleId, articleIds))
    .groupBy(claims.articleId, claims.verdict, claims.status);
  const progress = new Map<string, ArticleProgress>();
  for (const c of counts) {
    const p = progress.get(c.articleId) ?? emptyProgress();
    const n = Number(c.n);
    p.total += n;
    if (isVerdict(c.verdict)) p.byVerdict[c.verdict] += n;
    p.byStatus[c.status as ClaimStatus] += n;
    progress.set(c.articleId, p);
  }
  return progress;
}

/** Revision numbers are PostgreSQL integers: a larger one from a URL is simply not there. */
const MAX_INT4 = 2_147_483_647;

/** By id or slug, with the current revision's text and all claims in text order. */
export async function getArticle(actor: Actor | null, idOrSlug: string): Promise<ArticleDetail> {
  await authorize(actor, "article:read", { type: "article", id: idOrSlug });
  const db = await getDb();
  const row = await articleRow(idOrSlug);
  const claimRows = await db
    .select({ claim: claimFieldColumns, revision: articleRevisions.number, ...claimNameColumns })
    .from(claims)
    .innerJoin(articleRevisions, eq(articleRevisions.id, claims.anchorRevisionId))
    .innerJoin(claimCreator, eq(claimCreator.id, claims.createdBy))
    .leftJoin(claimAssignee, eq(claimAssignee.id, claims.assignedReviewerId))
    .where(eq(claims.articleId, row.article.id))
    .orderBy(asc(claims.startCp), asc(claims.createdAt));
  const claimViews = claimRows.map((c) => toClaimView(c.claim, c.revision, c));
  return { ...(await detailOf(row, progressOf(claimViews))), claims: claimViews };
}

/**
 * By id or slug, with the current revision's text and its claims counted, not read: for the pages
 * that show the text beside one claim (review) or alone (correcting it). Reading a long article's
 * claims whole (500 of them, 38 columns each, with two names) was a third of what the review page
 * of one of them cost (bench/README.md, "Where the 500-claim page's extra time goes").
 */
export async function getArticleText(actor: Actor | null, idOrSlug: string): Promise<Omit<ArticleDetail, "claims">> {
  await authorize(actor, "article:read", { type: "article", id: idOrSlug });
  const row = await articleRow(idOrSlug);
  const counted = progressByArticle([row.article.id]).then((p) => p.get(row.article.id) ?? emptyProgress());
  return detailOf(row, counted);
}

/** What the article page shows of each claim: highlights, the list beside the text, re-attaching. */
export interface DeskClaimRow {
  id: string;
  start: number;
  end: number;
  revision: number;
  anchorState: ClaimView["anchorState"];
  verdict: ClaimView["verdict"];
  status: ClaimView["status"];
  statement: string;
  exact: string;
  version: number;
}

export interface DeskArticle extends Omit<ArticleDetail, "claims"> {
  claims: DeskClaimRow[];
}

/** A row of `desk_claims`, as the drivers give it. */
interface RawDeskClaim {
  id: string;
  start_cp: number;
  end_cp: number;
  number: number;
  anchor_state: DeskClaimRow["anchorState"];
  verdict: DeskClaimRow["verdict"];
  status: DeskClaimRow["status"];
  statement: string;
  exact: string;
  version: number;
}

// One fixed text, prepared (fixedStatement), its rows mapped by hand: drizzle's building and its
// per-value row mapping were the largest cost a long article's claims added to the page (~2 ms of
// CPU for 500 claims, bench/README.md "Article page").
const deskClaimsStatement = fixedStatement<RawDeskClaim>(
  "desk_claims",
  sql`select c.id, c.start_cp, c.end_cp, r.number, c.anchor_state, c.verdict, c.status, c.statement, c.exact, c.version
      from ${claims} c join ${articleRevisions} r on r.id = c.anchor_revision_id
      where c.article_id = ${sql.placeholder("articleId")}
      order by c.start_cp, c.created_at`,
);

/**
 * The article as its desk page shows it: like `getArticle`, but each claim only as far as the text
 * and the list show it (the panel loads the open claim whole). Reading 500 whole claims (38 columns,
 * five timestamps, two user names each) cost the page more than rendering them.
 */
export async function getArticleForDesk(actor: Actor | null, idOrSlug: string): Promise<DeskArticle> {
  await authorize(actor, "article:read", { type: "article", id: idOrSlug });
  const db = await getDb();
  const row = await articleRow(idOrSlug);
  const claimRows = (await deskClaimsStatement(db, { articleId: row.article.id })).map((r): DeskClaimRow => ({
    id: r.id,
    start: r.start_cp,
    end: r.end_cp,
    revision: r.number,
    anchorState: r.anchor_state,
    verdict: r.verdict,
    status: r.status,
    statement: r.statement,
    exact: r.exact,
    version: r.version,
  }));
  return { ...(await detailOf(row, progressOf(claimRows))), claims: claimRows };
}

async function articleRow(idOrSlug: string) {
  const db = await getDb();
  const [row] = await db
    .select({ article: articles, revision: articleRevisions })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
    .where(isUuid(idOrSlug) ? eq(articles.id, idOrSlug) : eq(articles.slug, isSlug(idOrSlug) ? idOrSlug : ""));
  if (!row) throw notFound("The article");
  return row;
}

/** The claims' progress by verdict and status, from claims already read. */
function progressOf(claimList: readonly { verdict: ClaimView["verdict"]; status: ClaimView["status"] }[]) {
  const progress = emptyProgress();
  for (const c of claimList) {
    progress.total++;
    progress.byVerdict[c.verdict]++;
    progress.byStatus[c.status]++;
  }
  return progress;
}

/**
 * Everything of the detail but its claims: the summary with the claims' progress, body, revisions.
 * The progress may still be on its way (counted by a query of its own): the revisions are read
 * beside it.
 */
async function detailOf(
  row: Awaited<ReturnType<typeof articleRow>>,
  progressOrCount: ArticleProgress | Promise<ArticleProgress>,
): Promise<Omit<ArticleDetail, "claims">> {
  const [revisions, progress] = await Promise.all([
    getDb().then((db) =>
      db
        .select({ number: articleRevisions.number, createdAt: articleRevisions.createdAt })
        .from(articleRevisions)
        .where(eq(articleRevisions.articleId, row.article.id))
        .orderBy(asc(articleRevisions.number)),
    ),
    progressOrCount,
  ]);
  return {
    ...toArticleSummary(row.article, row.revision.number, progress),
    revisionId: row.revision.id,
    body: row.revision.body,
    bodyHash: row.revision.bodyHash,
    revisions: revisions.map((r) => ({ number: r.number, createdAt: r.createdAt.toISOString() })),
  };
}

/** An earlier revision stays readable. */
export async function getArticleRevision(
  actor: Actor | null,
  articleId: string,
  number: number,
): Promise<{ number: number; body: string; createdAt: string }> {
  await authorize(actor, "article:read", { type: "article", id: articleId });
  if (!isUuid(articleId) || !Number.isInteger(number) || number < 1 || number > MAX_INT4) throw notFound("The revision");
  const db = await getDb();
  const [rev] = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)));
  if (!rev) throw notFound("The revision");
  return { number: rev.number, body: rev.body, createdAt: rev.createdAt.toISOString() };
}
