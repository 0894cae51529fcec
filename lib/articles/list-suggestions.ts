import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { articleRevisions, articles, claims } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import type { Suggestion } from "../suggestions/suggest-claims";
import { revisionSuggestions } from "./revision-suggestions";
import { isUuid } from "../validation";
import { listDismissedClauses } from "./dismiss-suggestion";

/** Check-worthy clauses of the current revision, minus those already marked as claims or dismissed. */
export async function listSuggestions(actor: Actor | null, articleId: string): Promise<Suggestion[]> {
  await authorize(actor, "article:read", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const db = await getDb();
  const [row] = await db
    .select({ body: articleRevisions.body, title: articles.title, revisionId: articleRevisions.id })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
    .where(eq(articles.id, articleId));
  if (!row) throw notFound("The article");
  const [marked, dismissed] = await Promise.all([
    db
      .select({ start: claims.startCp, end: claims.endCp })
      .from(claims)
      .where(and(eq(claims.articleId, articleId), eq(claims.anchorRevisionId, row.revisionId))),
    listDismissedClauses(articleId),
  ]);
  return unmarked(revisionSuggestions(row.revisionId, row.body, row.title), marked, dismissed);
}

/** What the desk page has read of its article already: `getArticleForDesk`'s result. */
export interface DeskSuggestionSource {
  id: string;
  title: string;
  revision: number;
  revisionId: string;
  body: string;
  claims: readonly { revision: number; start: number; end: number }[];
}

/**
 * `listSuggestions` for the article page, from the text and claims the page has read already: the
 * same answer without reading a long body and every claim a second time (issue 13: 3–5 ms of a
 * 500-claim article's page, bench/README.md). Only the dismissed clauses are read.
 */
export async function listDeskSuggestions(actor: Actor | null, article: DeskSuggestionSource): Promise<Suggestion[]> {
  await authorize(actor, "article:read", { type: "article", id: article.id });
  const marked = article.claims.filter((c) => c.revision === article.revision);
  const dismissed = await listDismissedClauses(article.id);
  return unmarked(revisionSuggestions(article.revisionId, article.body, article.title), marked, dismissed);
}

/**
 * The suggestions that overlap no marked claim and were not dismissed. The claims are sorted by
 * start once, with the furthest end reached so far; a suggestion overlaps a claim exactly when some
 * claim starting before its end reaches past its start. One binary search per suggestion instead of
 * a walk over every claim (a 500-claim article has about as many suggestions).
 */
export function unmarked(
  suggestions: readonly Suggestion[],
  marked: readonly { start: number; end: number }[],
  dismissed: ReadonlySet<string>,
): Suggestion[] {
  const sorted = [...marked].sort((a, b) => a.start - b.start);
  const starts = sorted.map((m) => m.start);
  const reach: number[] = [];
  for (const m of sorted) reach.push(Math.max(m.end, reach.at(-1) ?? -Infinity));
  return suggestions.filter((s) => {
    if (dismissed.has(s.exact)) return false;
    // The claims that start before the suggestion ends: [0, lo).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < s.end) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 || reach[lo - 1]! <= s.start;
  });
}
