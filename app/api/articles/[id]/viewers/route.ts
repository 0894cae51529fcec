import { apiRoute, json } from "@/lib/http/api";
import { listArticleViewers } from "@/lib/live/list-article-viewers";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await listArticleViewers(actor, params.id)));
