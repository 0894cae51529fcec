import "server-only";
import { like, or, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/database";
import { articleRevisions, articles } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";
import { CanonicalTextError, NORMALIZER_VERSION, toCanonical } from "../text/canonical";
import { sha256Hex } from "../text/hash";
import { type ArticleSummary, toArticleSummary } from "./article-view";
import { type ArticleFormat, createArticleSchema } from "./schemas";
import { slugify } from "./slug";
import { indexFigureWords } from "../search/figure-terms";

/** Canonical text of an upload or paste, or a 422 on the body field. */
export function canonicalBody(body: string, format: ArticleFormat): string {
  try {
    return toCanonical(body, format);
  } catch (err) {
    if (err instanceof CanonicalTextError) {
      throw new AppError("validation_failed", err.message, { body: err.message });
    }
    throw err;
  }
}

async function uniqueSlug(tx: Tx, title: string): Promise<string> {
  const base = slugify(title);
  const taken = new Set(
    (
      await tx
        .select({ slug: articles.slug })
        .from(articles)
        .where(or(eq(articles.slug, base), like(articles.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createArticle(actor: Actor | null, input: unknown): Promise<ArticleSummary> {
  const user = await authorize(actor, "article:write", { type: "article" });
  const data = parseInput(createArticleSchema, input);
  const body = canonicalBody(data.body, data.format);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, data.title);
    const [article] = await tx
      .insert(articles)
      .values({
        title: data.title,
        searchFigures: indexFigureWords(data.title),
        slug,
        url: data.url ?? null,
        publisher: data.publisher ?? null,
        author: data.author ?? null,
        publishedAt: data.publishedAt ?? null,
        createdBy: user.id,
      })
      .returning();
    if (!article) throw new Error("insert returned no article");
    const [revision] = await tx
      .insert(articleRevisions)
      .values({
        articleId: article.id,
        number: 1,
        body,
        searchFigures: indexFigureWords(body),
        bodyHash: sha256Hex(body),
        normalizerVersion: NORMALIZER_VERSION,
        sourceFormat: data.format,
        createdBy: user.id,
      })
      .returning({ id: articleRevisions.id });
    if (!revision) throw new Error("insert returned no revision");
    const [updated] = await tx
      .update(articles)
      .set({ currentRevisionId: revision.id })
      .where(eq(articles.id, article.id))
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "article.create",
      targetType: "article",
      targetId: article.id,
      after: { title: article.title, slug, url: article.url, publisher: article.publisher, revision: 1, format: data.format },
    });
    return toArticleSummary(updated ?? article, 1);
  });
}
