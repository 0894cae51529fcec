import "server-only";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { assertArticleExists } from "./open-article-stream";
import { viewersOf } from "./presence";

export interface ArticleViewers {
  viewers: { id: string; name: string }[];
}

export const articleViewersSchema = viewSchema<ArticleViewers>()(
  z.object({ viewers: z.array(z.object({ id: z.string(), name: z.string() })) }),
);

/** Who has the article open now (live-update streams on any instance), the acting user included. */
export async function listArticleViewers(actor: Actor | null, articleId: string): Promise<ArticleViewers> {
  await authorize(actor, "article:read", { type: "article", id: articleId });
  await assertArticleExists(articleId);
  return { viewers: await viewersOf(articleId) };
}
