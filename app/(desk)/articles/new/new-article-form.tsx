"use client";

import { createArticleAction } from "@/app/actions/articles";
import { BodyFileField, BodyFormatField, useArticleBodyForm } from "@/app/components/article-body-fields";
import { Field } from "@/app/components/field";
import { UrlImport } from "./url-import";
import { ARTICLE_LIMITS } from "@/lib/articles/schemas";

const FORM_ID = "new-article-form";

export function NewArticleForm() {
  // Keeps the input after a refusal and refuses an oversized file before uploading it.
  const { action, pending, onSubmit, fields, summary } = useArticleBodyForm(createArticleAction);

  return (
    <>
      <UrlImport formId={FORM_ID} />
      <form id={FORM_ID} action={action} onSubmit={onSubmit} className="card form" aria-label="New article">
        {summary && (
          <p role="alert" className="error">
            {summary}
          </p>
        )}
        <Field label="Title" error={fields.title}>
          {(p) => <input {...p} name="title" required maxLength={ARTICLE_LIMITS.title} />}
        </Field>
        <Field label="Article URL" hint="(where it was published)" error={fields.url}>
          {(p) => <input {...p} name="url" type="url" placeholder="https://" />}
        </Field>
        <Field label="Publisher" error={fields.publisher}>
          {(p) => <input {...p} name="publisher" maxLength={ARTICLE_LIMITS.publisher} />}
        </Field>
        <Field label="Author" error={fields.author}>
          {(p) => <input {...p} name="author" maxLength={ARTICLE_LIMITS.author} />}
        </Field>
        <Field label="Published date" error={fields.publishedAt}>
          {(p) => <input {...p} name="publishedAt" type="date" />}
        </Field>
        <BodyFormatField label="Format of the pasted text" error={fields.format} />
        <Field label="Article text" error={fields.body}>
          {(p) => <textarea {...p} name="body" rows={14} />}
        </Field>
        <BodyFileField insteadOf="the pasted text" error={fields.file} />
        <button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import article"}
        </button>
      </form>
    </>
  );
}
