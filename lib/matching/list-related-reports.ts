import "server-only";
import { and, desc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { claimMatchLinks, claims, reportPublications } from "@/db/schema";
import { getDb } from "@/lib/database";
import type { Verdict } from "../claims/verdicts";
import { readReportSnapshot } from "../reports/report-snapshot";
import type { ReportData } from "../reports/types";

export interface RelatedReport {
  title: string;
  /** The other report's public page. */
  url: string;
  publishedAt: string;
  /** The claims of that report confirmed as the same as one of this report's, as published there. */
  claims: { statement: string; verdict: Verdict }[];
}

/**
 * Other published fact-checks of the same claims, for the public report page ("Related
 * fact-checks"). Readable by anyone, so it is built only from what is public already: the other
 * reports' latest live publications (their snapshots hold no internal source and no unapproved
 * claim). The link between the claims is a match people confirmed (claim_match_links).
 */
export async function listRelatedReports(report: ReportData): Promise<RelatedReport[]> {
  const ids = report.claims.map((c) => c.id);
  if (ids.length === 0) return [];
  const db = await getDb();
  const groups = await db
    .selectDistinct({ groupId: claimMatchLinks.groupId })
    .from(claimMatchLinks)
    .where(inArray(claimMatchLinks.claimId, ids));
  if (groups.length === 0) return [];
  const others = await db
    .select({ claimId: claimMatchLinks.claimId, articleId: claims.articleId })
    .from(claimMatchLinks)
    .innerJoin(claims, eq(claims.id, claimMatchLinks.claimId))
    .where(
      and(
        inArray(
          claimMatchLinks.groupId,
          groups.map((g) => g.groupId),
        ),
        notInArray(claimMatchLinks.claimId, ids),
      ),
    );
  const articleIds = [...new Set(others.map((o) => o.articleId))].filter((id) => id !== report.article.id);
  if (articleIds.length === 0) return [];
  const publications = await db
    .select({
      articleId: reportPublications.articleId,
      publishedAt: reportPublications.publishedAt,
      snapshot: reportPublications.snapshot,
    })
    .from(reportPublications)
    .where(and(inArray(reportPublications.articleId, articleIds), isNull(reportPublications.unpublishedAt)))
    .orderBy(desc(reportPublications.version));
  const wanted = new Set(others.map((o) => o.claimId));
  const seen = new Set<string>();
  const related: RelatedReport[] = [];
  for (const p of publications) {
    if (seen.has(p.articleId)) continue; // the latest live version only
    seen.add(p.articleId);
    const snapshot = readReportSnapshot(p.snapshot);
    const same = snapshot.claims.filter((c) => wanted.has(c.id));
    if (same.length === 0) continue;
    related.push({
      title: snapshot.article.title,
      url: snapshot.reportUrl,
      publishedAt: p.publishedAt.toISOString(),
      claims: same.map((c) => ({ statement: c.statement, verdict: c.verdict })),
    });
  }
  return related.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
}
