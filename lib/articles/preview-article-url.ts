import "server-only";
import { z } from "zod";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";
import { SafeFetchError, safeFetch } from "../net/safe-fetch";
import { htmlToCanonical } from "../text/canonical";
import { httpUrl } from "../validation";
import { type ExtractedArticle, UnreadablePageError, extractArticle } from "./extract-article";
import { viewSchema } from "../api/view-schema";

export const previewArticleUrlSchema = z.strictObject({ url: httpUrl("Article URL") });
export type PreviewArticleUrlInput = z.input<typeof previewArticleUrlSchema>;

/** A page larger than this is not an article page (the article body itself may be 2 MB). */
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

export interface ArticleUrlPreview extends Omit<ExtractedArticle, "html" | "text"> {
  /** The article's canonical plain text (paragraphs), what the import form sends back as its body. */
  body: string;
  format: "text";
  /** The address the page was finally fetched from, after redirects. */
  fetchedUrl: string;
}

export const articleUrlPreviewSchema = viewSchema<ArticleUrlPreview>()(
  z.object({
    title: z.string(),
    body: z.string(),
    format: z.literal("text"),
    url: z.string(),
    publisher: z.string().nullable(),
    author: z.string().nullable(),
    publishedAt: z.string().nullable(),
    fetchedUrl: z.string(),
  }),
);

const refuse = (message: string) => new AppError("validation_failed", message, { url: message });

function charsetOf(contentType: string | null): BufferEncoding {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  return charset === "iso-8859-1" || charset === "latin1" || charset === "windows-1252" ? "latin1" : "utf8";
}

/**
 * Import by URL, step one: fetch the page through the safe outbound client (public addresses
 * only, every hop checked, size and time limits) and show what would be imported. Nothing is
 * stored: the editor confirms (and may correct) the fields, and the import is an ordinary
 * createArticle with them.
 */
export async function previewArticleUrl(actor: Actor | null, input: unknown): Promise<ArticleUrlPreview> {
  await authorize(actor, "article:write", { type: "article" });
  const { url } = parseInput(previewArticleUrlSchema, input);
  let page;
  try {
    page = await safeFetch(url, { maxBytes: MAX_PAGE_BYTES, headers: { accept: "text/html,application/xhtml+xml" } });
  } catch (err) {
    if (err instanceof SafeFetchError) {
      if (err.code === "address_not_allowed")
        throw refuse("That address is not on the public internet; the desk does not fetch it.");
      if (err.code === "scheme_not_allowed" || err.code === "invalid_url" || err.code === "credentials_in_url")
        throw refuse("Use an http:// or https:// address without a user name or password.");
      if (err.code === "timeout" || err.code === "connect_timeout") throw refuse("The site did not answer in time.");
      if (err.code === "too_many_redirects") throw refuse("The address redirects too many times.");
      if (err.code === "disabled") throw refuse("Fetching pages is switched off on this desk.");
      throw refuse("The page could not be fetched.");
    }
    throw err;
  }
  if (page.status < 200 || page.status >= 300) throw refuse(`The site answered ${page.status}: there is no page to import.`);
  if (page.contentType && !/^(text\/html|application\/xhtml\+xml)\b/i.test(page.contentType)) {
    throw refuse(`That address is not a web page (${page.contentType.split(";")[0]}).`);
  }
  if (page.truncated) throw refuse("The page is larger than 5 MB.");
  let article: ExtractedArticle;
  try {
    article = extractArticle(page.body.toString(charsetOf(page.contentType)), page.url);
  } catch (err) {
    if (err instanceof UnreadablePageError) throw refuse(err.message);
    throw err;
  }
  const { html, text: _text, ...rest } = article;
  return { ...rest, body: htmlToCanonical(html), format: "text", fetchedUrl: page.url };
}
