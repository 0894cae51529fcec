import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "@/lib/database";
import { sources, sourceSnapshots } from "@/db/schema";
import { getPublishedReport } from "../reports/get-published-report";
import type { ReportData } from "../reports/types";
import { isUuid } from "../validation";
import { loadSourceHealth } from "./source-health";

/**
 * The archived copy of a source on the public report (issue 12, "sources that rot"). What a visitor
 * may see is decided here, and it is little:
 *
 * - only sources of a live publication's public snapshot (which never holds internal sources), that
 *   are still public now (marking a source internal later withdraws its copy at once), and whose
 *   address is still the published one;
 * - only while the live link is broken: a working page is the reader's to visit, not ours to
 *   republish;
 * - only the text extract of the copy the desk cited (the first good fetch), with when it was
 *   fetched: never the stored HTML, later copies, error messages, redirect targets or headers.
 *
 * The text is served as text/plain with nosniff and a sandboxing CSP (the route), so nothing in it
 * can run or render as markup.
 */

const key = (claimId: string, url: string) => `${claimId}\u0000${url}`;

/** The public archive address of a source of a report. */
export const archivePath = (slug: string, sourceId: string) =>
  `/reports/${encodeURIComponent(slug)}/archive/${encodeURIComponent(sourceId)}`;

/** Sources of the snapshot that are public now and have the published address: id by (claim, url). */
async function publishedPublicSources(db: Db, data: ReportData): Promise<Map<string, string>> {
  const published = new Set(data.claims.flatMap((c) => c.sources.filter((s) => !s.internal).map((s) => key(c.id, s.url))));
  const claimIds = data.claims.map((c) => c.id).filter(isUuid);
  const out = new Map<string, string>();
  if (claimIds.length === 0 || published.size === 0) return out;
  const rows = await db
    .select({ id: sources.id, claimId: sources.claimId, url: sources.url })
    .from(sources)
    .where(and(inArray(sources.claimId, claimIds), eq(sources.internal, false)));
  for (const r of rows)
    if (published.has(key(r.claimId, r.url)) && !out.has(key(r.claimId, r.url))) out.set(key(r.claimId, r.url), r.id);
  return out;
}

/**
 * Archive links for the public page: for each published public source whose link is broken now and
 * of which a copy was kept, (claim id, url) → its archive address. Sets `archiveUrl` on those sources.
 */
export async function addArchiveLinks(data: ReportData, slug: string): Promise<ReportData> {
  const db = await getDb();
  const ids = await publishedPublicSources(db, data);
  if (ids.size === 0) return data;
  const health = await loadSourceHealth(db, [...ids.values()]);
  return {
    ...data,
    claims: data.claims.map((c) => ({
      ...c,
      sources: c.sources.map((s) => {
        const id = s.internal ? undefined : ids.get(key(c.id, s.url));
        const h = id ? health.get(id) : undefined;
        return id && h?.state === "broken" && h.citedSnapshotId ? { ...s, archiveUrl: archivePath(slug, id) } : s;
      }),
    })),
  };
}

export type PublicArchive =
  | { state: "ok"; url: string; title: string; fetchedAt: string; text: string; truncated: boolean; reportTitle: string }
  | { state: "missing" }
  | { state: "gone" };

/** The archived text of one source of the live report at `slug`, under the rules above. */
export async function getPublicArchive(slug: string, sourceId: string): Promise<PublicArchive> {
  if (!isUuid(sourceId)) return { state: "missing" };
  const report = await getPublishedReport(slug);
  if (report.state !== "published") return report;
  const db = await getDb();
  const ids = await publishedPublicSources(db, report.data);
  if (![...ids.values()].includes(sourceId)) return { state: "missing" };
  const health = (await loadSourceHealth(db, [sourceId])).get(sourceId);
  if (health?.state !== "broken" || !health.citedSnapshotId) return { state: "missing" };
  const [copy] = await db
    .select({
      url: sourceSnapshots.url,
      fetchedAt: sourceSnapshots.fetchedAt,
      text: sourceSnapshots.textExtract,
      truncated: sourceSnapshots.truncated,
      title: sources.title,
    })
    .from(sourceSnapshots)
    .innerJoin(sources, eq(sources.id, sourceSnapshots.sourceId))
    .where(
      and(eq(sourceSnapshots.id, health.citedSnapshotId), eq(sourceSnapshots.sourceId, sourceId), eq(sources.internal, false)),
    );
  if (!copy || copy.text === null) return { state: "missing" };
  return {
    state: "ok",
    url: copy.url,
    title: copy.title,
    fetchedAt: copy.fetchedAt.toISOString(),
    text: copy.text,
    truncated: copy.truncated,
    reportTitle: report.data.article.title,
  };
}
