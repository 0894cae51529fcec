"use server";

import { redirect } from "next/navigation";
import { createArticle } from "@/lib/articles/create-article";
import { createRevision } from "@/lib/articles/create-revision";
import { decodeUpload } from "@/lib/articles/read-upload";
import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, formToObject, runAction } from "@/lib/http/action";
import type { ArticleSummary } from "@/lib/articles/article-view";
import type { RevisionResult } from "@/lib/articles/create-revision";
import { updateArticle } from "@/lib/articles/update-article";
import { type ArticleUrlPreview, previewArticleUrl } from "@/lib/articles/preview-article-url";

/** Text pasted in the form, or an uploaded file (which wins when both are given). */
async function bodyFrom(formData: FormData): Promise<{ body: unknown; format: unknown }> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    return decodeUpload(new Uint8Array(await file.arrayBuffer()), file.name);
  }
  return { body: formData.get("body") ?? "", format: formData.get("format") ?? "text" };
}

export async function createArticleAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await getCurrentActor();
  let id: string | undefined;
  const result = await runAction(async () => {
    const raw = formToObject(formData);
    const { body, format } = await bodyFrom(formData);
    const article = await createArticle(actor, {
      title: raw.title as string,
      url: raw.url as string,
      publisher: raw.publisher as string,
      author: raw.author as string,
      publishedAt: raw.publishedAt as string,
      body: body as string,
      format: format as never,
    });
    id = article.id;
  });
  if (result.ok && id) redirect(`/articles/${id}`);
  return result;
}

export async function createRevisionAction(
  _prev: ActionResult<RevisionResult> | null,
  formData: FormData,
): Promise<ActionResult<RevisionResult>> {
  const actor = await getCurrentActor();
  return runAction(async () => {
    const raw = formToObject(formData);
    const articleId = String(raw.articleId ?? "");
    const base = Number(raw.baseRevision);
    const { body, format } = await bodyFrom(formData);
    return createRevision(actor, articleId, {
      body: body as string,
      format: format as never,
      ...(Number.isInteger(base) && base > 0 ? { baseRevision: base } : {}),
    });
  });
}

export async function updateArticleAction(articleId: string, input: unknown): Promise<ActionResult<ArticleSummary>> {
  const actor = await getCurrentActor();
  return runAction(() => updateArticle(actor, String(articleId), input as never));
}

/** Import by URL, step one: what the page at `url` would import (nothing is stored). */
export async function previewArticleUrlAction(url: unknown): Promise<ActionResult<ArticleUrlPreview>> {
  const actor = await getCurrentActor();
  return runAction(() => previewArticleUrl(actor, { url }));
}
