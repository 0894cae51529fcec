import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { articleRevisions, articles, claims } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type ClaimView, toClaimView } from "../claims/claim-view";
import { isVerdict } from "../claims/verdicts";
import { notFound } from "../errors";
import { isUuid } from "../validation";
import { type ArticleSummary, type ClaimStatus, emptyProgress, toArticleSummary } from "./article-view";

export interface ArticleDetail extends ArticleSummary {
  revisionId: string;
  body: string;
  bodyHash: string;
  claims: ClaimView[];
  revisions: { number: number; createdAt: string }[];
}

export async function listArticles(actor: Actor | null): Promise<ArticleSummary[]> {
  await authorize(actor, "article:read", { type: "article" });
  const db = await getDb();
  const rows = await db
    .select({ article: articles, revision: articleRevisions.number })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
    .orderBy(desc(articles.createdAt), desc(articles.id))
    .limit(500);
  if (rows.length === 0) return [];
  // One grouped query for every article's progress, not one per article.
  const counts = await db
    .select({
      articleId: claims.articleId,
      verdict: claims.verdict,
      status: claims.status,
      n: sql<number>`count(*)::int`,
    })
    .from(claims)
    .where(inArray(claims.articleId, rows.map((r) => r.article.id)))
    .groupBy(claims.articleId, claims.verdict, claims.status);
  const progress = new Map<string, ReturnType<typeof emptyProgress>>();
  for (const c of counts) {
    const p = progress.get(c.articleId) ?? emptyProgress();
    const n = Number(c.n);
    p.total += n;
    if (isVerdict(c.verdict)) p.byVerdict[c.verdict] += n;
    p.byStatus[c.status as ClaimStatus] += n;
    progress.set(c.articleId, p);
  }
  return rows.map((r) => toArticleSummary(r.article, r.revision, progress.get(r.article.id)));
}

/** By id or slug, with the current revision's text and all claims in text order. */
export async function getArticle(actor: Actor | null, idOrSlug: string): Promise<ArticleDetail> {
  await authorize(actor, "article:read", { type: "article", id: idOrSlug });
  const db = await getDb();
  const [row] = await db
    .select({ article: articles, revision: articleRevisions })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
    .where(isUuid(idOrSlug) ? eq(articles.id, idOrSlug) : eq(articles.slug, idOrSlug));
  if (!row) throw notFound("The article");
  const claimRows = await db
    .select({ claim: claims, revision: articleRevisions.number })
    .from(claims)
    .innerJoin(articleRevisions, eq(articleRevisions.id, claims.anchorRevisionId))
    .where(eq(claims.articleId, row.article.id))
    .orderBy(asc(claims.startCp), asc(claims.createdAt));
  const revisions = await db
    .select({ number: articleRevisions.number, createdAt: articleRevisions.createdAt })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, row.article.id))
    .orderBy(asc(articleRevisions.number));
  const claimViews = claimRows.map((c) => toClaimView(c.claim, c.revision));
  const progress = emptyProgress();
  for (const c of claimViews) {
    progress.total++;
    progress.byVerdict[c.verdict]++;
    progress.byStatus[c.status]++;
  }
  return {
    ...toArticleSummary(row.article, row.revision.number, progress),
    revisionId: row.revision.id,
    body: row.revision.body,
    bodyHash: row.revision.bodyHash,
    claims: claimViews,
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
  if (!isUuid(articleId) || !Number.isInteger(number)) throw notFound("The revision");
  const db = await getDb();
  const [rev] = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)));
  if (!rev) throw notFound("The revision");
  return { number: rev.number, body: rev.body, createdAt: rev.createdAt.toISOString() };
}

