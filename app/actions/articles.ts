"use server";

import { redirect } from "next/navigation";
import { createArticle } from "@/lib/articles/create-article";
import { createRevision } from "@/lib/articles/create-revision";
import { decodeUpload } from "@/lib/articles/read-upload";
import { type ActionResult, formToObject, serverAction } from "@/lib/http/action";
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
  let id: string | undefined;
  const result = await serverAction(async (actor) => {
    const raw = formToObject(formData);
    const { body, format } = await bodyFrom(formData);
    const article = await createArticle(actor, {
      title: raw.title,
      url: raw.url,
      publisher: raw.publisher,
      author: raw.author,
      publishedAt: raw.publishedAt,
      body,
      format,
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
  return serverAction(async (actor) => {
    const raw = formToObject(formData);
    const articleId = String(raw.articleId ?? "");
    const base = Number(raw.baseRevision);
    const { body, format } = await bodyFrom(formData);
    return createRevision(actor, articleId, {
      body,
      format,
      ...(Number.isInteger(base) && base > 0 ? { baseRevision: base } : {}),
    });
  });
}

export async function updateArticleAction(articleId: string, input: unknown): Promise<ActionResult<ArticleSummary>> {
  return serverAction((actor) => updateArticle(actor, String(articleId), input));
}

/** Import by URL, step one: what the page at `url` would import (nothing is stored). */
export async function previewArticleUrlAction(url: unknown): Promise<ActionResult<ArticleUrlPreview>> {
  return serverAction((actor) => previewArticleUrl(actor, { url }));
}
