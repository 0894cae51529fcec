import { getArticle } from "@/lib/articles/read-articles";
import { apiRoute, json } from "@/lib/http/api";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json({ article: await getArticle(actor, params.id) }));
