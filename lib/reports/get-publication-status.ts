import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { reportPublications } from "@/db/schema";
import { isUuid } from "../validation";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound } from "../errors";
import { reportUrlFor } from "./load-report";

/** For the article page: is it published, and which version. */
export async function getPublicationStatus(
  actor: Actor | null,
  articleId: string,
  options: { origin?: string | null } = {},
): Promise<{ published: boolean; version: number | null; url: string | null }> {
  await authorize(actor, "article:read", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const db = await getDb();
  const [row] = await db
    .select({
      version: reportPublications.version,
      slug: reportPublications.slug,
      unpublishedAt: reportPublications.unpublishedAt,
    })
    .from(reportPublications)
    .where(eq(reportPublications.articleId, articleId))
    .orderBy(desc(reportPublications.version))
    .limit(1);
  if (!row) return { published: false, version: null, url: null };
  return { published: !row.unpublishedAt, version: row.version, url: reportUrlFor(row.slug, options.origin) };
}
