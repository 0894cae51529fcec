import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { articles } from "@/db/schema";
import { diffFields, recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { isUuid, optionalDate, optionalHttpUrl, optionalText, requiredText, versionField } from "../validation";
import type { ArticleSummary } from "./article-view";
import { ARTICLE_LIMITS } from "./schemas";
import { getArticleText } from "./read-articles";
import { indexFigureWords } from "../search/figure-terms";

export const updateArticleSchema = z.strictObject({
  version: versionField,
  title: requiredText("Title", ARTICLE_LIMITS.title).optional(),
  url: optionalHttpUrl("Article URL"),
  publisher: optionalText("Publisher", ARTICLE_LIMITS.publisher),
  author: optionalText("Author", ARTICLE_LIMITS.author),
  publishedAt: optionalDate("Published date"),
});

/**
 * Corrects an article's details (title, url, publisher, author, date). The slug, and so the
 * public report address, does not change. Optimistic lock on the article version.
 */
export async function updateArticle(actor: Actor | null, articleId: string, input: unknown): Promise<ArticleSummary> {
  const user = await authorize(actor, "article:write", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const { version, ...fields } = parseInput(updateArticleSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(articles).where(eq(articles.id, articleId)).for("update");
    if (!current) throw notFound("The article");
    if (current.version !== version) {
      throw new AppError(
        "conflict",
        `Someone else changed this article (you edited version ${version}, it is now at version ${current.version}). Reload and apply your change again.`,
        undefined,
        {
          currentVersion: current.version,
        },
      );
    }
    const changes = diffFields(current as unknown as Record<string, unknown>, fields);
    if (!changes) return;
    await tx
      .update(articles)
      .set({
        ...changes.after,
        ...("title" in changes.after ? { searchFigures: indexFigureWords(String(changes.after.title)) } : {}),
        version: sql`${articles.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(articles.id, articleId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "article.update",
      targetType: "article",
      targetId: articleId,
      before: changes.before,
      after: changes.after,
    });
  });
  const detail = await getArticleText(user, articleId);
  const { body: _b, bodyHash: _h, revisions: _r, revisionId: _i, ...summary } = detail;
  return summary satisfies ArticleSummary;
}
