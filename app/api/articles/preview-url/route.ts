import { previewArticleUrl } from "@/lib/articles/preview-article-url";
import { apiRoute, json, readJson } from "@/lib/http/api";

/** Import by URL, step one: `{url}` → the article found there, for confirmation; nothing is stored. */
export const POST = apiRoute(async ({ actor, request }) =>
  json({ preview: await previewArticleUrl(actor, await readJson(request)) }),
);
