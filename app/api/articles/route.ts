import { createArticle } from "@/lib/articles/create-article";
import { listArticles } from "@/lib/articles/read-articles";
import { apiRoute, json, readJson } from "@/lib/http/api";

/** `?q=` words of the title, `?before=` the previous page's `next`, `?limit=` 1–200 (50). */
export const GET = apiRoute(async ({ actor, request }) =>
  json(await listArticles(actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const POST = apiRoute(async ({ actor, request }) => {
  const article = await createArticle(actor, await readJson(request));
  return json({ article }, 201, { Location: `/api/articles/${article.id}` });
});
