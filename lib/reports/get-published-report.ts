import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { reportPublications } from "@/db/schema";
import { readReportSnapshot } from "./report-snapshot";
import type { ReportData } from "./types";

export type PublicReport =
  | { state: "published"; data: ReportData; version: number; versions: { version: number; publishedAt: string }[] }
  | { state: "gone" }
  | { state: "missing" };

/**
 * The public page's data: readable without login, only ever a stored public snapshot.
 * Deliberately takes no actor: there is nothing here a visitor may not see.
 */
export async function getPublishedReport(slug: string, version?: number): Promise<PublicReport> {
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return { state: "missing" };
  const db = await getDb();
  const rows = await db
    .select({
      version: reportPublications.version,
      publishedAt: reportPublications.publishedAt,
      unpublishedAt: reportPublications.unpublishedAt,
      snapshot: reportPublications.snapshot,
    })
    .from(reportPublications)
    .where(eq(reportPublications.slug, slug))
    .orderBy(desc(reportPublications.version));
  if (rows.length === 0) return { state: "missing" };
  // The page is up while its latest publication is: unpublishing takes every version down, and a
  // republish brings back the earlier ones with it (their `?version=N` links keep working).
  if (rows[0]!.unpublishedAt) return { state: "gone" };
  const chosen = version === undefined ? rows[0] : rows.find((r) => r.version === version);
  if (!chosen) return { state: "missing" };
  return {
    state: "published",
    data: readReportSnapshot(chosen.snapshot),
    version: chosen.version,
    versions: rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString() })),
  };
}
