"use client";

import { useState } from "react";
import { previewArticleUrlAction } from "@/app/actions/articles";
import { Field } from "@/app/components/field";
import type { ArticleUrlPreview } from "@/lib/articles/preview-article-url";
import { useServerAction } from "@/app/components/use-server-action";

/** The fields of the import form that a fetched page fills in (names as in NewArticleForm). */
function fill(form: HTMLFormElement, preview: ArticleUrlPreview) {
  const set = (name: string, value: string | null) => {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
      el.value = value ?? "";
  };
  set("title", preview.title);
  set("url", preview.url);
  set("publisher", preview.publisher);
  set("author", preview.author);
  set("publishedAt", preview.publishedAt);
  set("format", preview.format);
  set("body", preview.body);
}

/**
 * Import by URL: the server fetches the page (public addresses only) and finds the article in it;
 * the import form below is filled in for the editor to check and correct before importing.
 */
export function UrlImport({ formId }: { formId: string }) {
  const [url, setUrl] = useState("");
  const [preview, setPreview] = useState<ArticleUrlPreview | null>(null);
  const { pending, error, fields, run } = useServerAction();

  const fetchPage = async () => {
    const result = await run(() => previewArticleUrlAction(url));
    if (!result.ok) {
      setPreview(null);
      return;
    }
    const form = document.getElementById(formId);
    if (result.data && form instanceof HTMLFormElement) fill(form, result.data);
    setPreview(result.data ?? null);
  };

  return (
    <section className="card form" aria-labelledby="url-import-heading">
      <h2 id="url-import-heading">Import from a web address</h2>
      <Field
        label="Page address"
        hint="(the article's public URL; the desk fetches it and fills in the form below)"
        error={fields.url ?? error}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void fetchPage();
              }
            }}
          />
        )}
      </Field>
      <button type="button" onClick={() => void fetchPage()} disabled={pending || url.trim() === ""}>
        {pending ? "Fetching…" : "Fetch article"}
      </button>
      {preview && (
        <div role="status" className="url-preview">
          <p>
            Found <strong>{preview.title}</strong>
            {preview.publisher ? ` (${preview.publisher})` : ""}
            {preview.author ? `, by ${preview.author}` : ""}
            {preview.publishedAt ? `, published ${preview.publishedAt}` : ""}: {preview.body.length.toLocaleString("en-GB")}{" "}
            characters. Check the fields below, correct them if needed, then import.
          </p>
          <blockquote className="quote">{preview.body.slice(0, 400)}…</blockquote>
        </div>
      )}
    </section>
  );
}
