import { updateArticle } from "@/lib/articles/update-article";
import { getArticle } from "@/lib/articles/read-articles";
import { apiRoute, json, readJson } from "@/lib/http/api";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json({ article: await getArticle(actor, params.id) }));

export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ article: await updateArticle(actor, params.id, await readJson(request)) }),
);
