"use client";

import { useActionState } from "react";
import { createArticleAction } from "@/app/actions/articles";
import type { ActionResult } from "@/lib/http/action";

function FieldError({ result, name }: { result: ActionResult | null; name: string }) {
  const message = result && !result.ok ? result.fields?.[name] : undefined;
  return message ? <span className="field-error" id={`err-${name}`}>{message}</span> : null;
}

export function NewArticleForm() {
  const [result, action, pending] = useActionState(createArticleAction, null);
  return (
    <form action={action} className="card form" aria-label="New article">
      {result && !result.ok && <p role="alert" className="error">{result.error}</p>}
      <label>
        Title
        <input name="title" required maxLength={500} aria-describedby="err-title" />
        <FieldError result={result} name="title" />
      </label>
      <label>
        Article URL <span className="hint">(where it was published)</span>
        <input name="url" type="url" placeholder="https://" aria-describedby="err-url" />
        <FieldError result={result} name="url" />
      </label>
      <label>
        Publisher
        <input name="publisher" maxLength={200} />
        <FieldError result={result} name="publisher" />
      </label>
      <label>
        Author
        <input name="author" maxLength={200} />
        <FieldError result={result} name="author" />
      </label>
      <label>
        Published date
        <input name="publishedAt" type="date" aria-describedby="err-publishedAt" />
        <FieldError result={result} name="publishedAt" />
      </label>
      <label>
        Format of the pasted text
        <select name="format" defaultValue="text">
          <option value="text">Plain text</option>
          <option value="markdown">Markdown</option>
          <option value="html">HTML</option>
        </select>
      </label>
      <label>
        Article text
        <textarea name="body" rows={14} aria-describedby="err-body" />
        <FieldError result={result} name="body" />
      </label>
      <label>
        …or upload a file
        <input name="file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" aria-describedby="err-file" />
        <FieldError result={result} name="file" />
      </label>
      <button type="submit" disabled={pending}>{pending ? "Importing…" : "Import article"}</button>
    </form>
  );
}
