import { createArticle } from "@/lib/articles/create-article";
import { listArticles } from "@/lib/articles/read-articles";
import { apiRoute, json, readJson } from "@/lib/http/api";

export const GET = apiRoute(async ({ actor }) => json({ articles: await listArticles(actor) }));

export const POST = apiRoute(async ({ actor, request }) => {
  const article = await createArticle(actor, (await readJson(request)) as never);
  return json({ article }, 201, { Location: `/api/articles/${article.id}` });
});
