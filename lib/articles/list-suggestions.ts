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
  const marked = await db
    .select({ start: claims.startCp, end: claims.endCp })
    .from(claims)
    .where(and(eq(claims.articleId, articleId), eq(claims.anchorRevisionId, row.revisionId)));
  const dismissed = await listDismissedClauses(articleId);
  return revisionSuggestions(row.revisionId, row.body, row.title).filter(
    (s) => !dismissed.has(s.exact) && !marked.some((m) => s.start < m.end && m.start < s.end),
  );
}
