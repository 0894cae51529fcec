import { z } from "zod";
import { ARTICLE_FORMATS, type ArticleFormat } from "@/domain/vocabulary";
import { MAX_BODY_BYTES, optionalDate, optionalHttpUrl, optionalText, requiredText } from "../validation";

export { ARTICLE_FORMATS, type ArticleFormat };

/** Longest article details, in characters: the schemas below and the forms' `maxLength`. */
export const ARTICLE_LIMITS = { title: 500, publisher: 200, author: 200 } as const;

export const articleBodySchema = z
  .string({ message: "Paste the article text or upload a file." })
  .min(1, "The article text is empty.")
  .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_BODY_BYTES, "The article is larger than 2 MB.");

export const createArticleSchema = z.strictObject({
  title: requiredText("Title", ARTICLE_LIMITS.title),
  body: articleBodySchema,
  format: z.enum(ARTICLE_FORMATS, { message: "Format is text, markdown or html." }).default("text"),
  url: optionalHttpUrl("Article URL"),
  publisher: optionalText("Publisher", ARTICLE_LIMITS.publisher),
  author: optionalText("Author", ARTICLE_LIMITS.author),
  publishedAt: optionalDate("Published date"),
});
export type CreateArticleInput = z.input<typeof createArticleSchema>;

export const createRevisionSchema = z.strictObject({
  body: articleBodySchema,
  format: z.enum(ARTICLE_FORMATS, { message: "Format is text, markdown or html." }).default("text"),
  /** The revision number the editor started from; a newer one answers 409. */
  baseRevision: z.number().int().min(1).optional(),
});
export type CreateRevisionInput = z.input<typeof createRevisionSchema>;

export function formatFromFilename(name: string): ArticleFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".txt")) return "text";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  if (lower.endsWith(".html") || lower.endsWith(".htm")) return "html";
  return null;
}
