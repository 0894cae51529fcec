"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import { createArticleAction } from "@/app/actions/articles";
import { Field, uploadFieldErrors } from "@/app/components/field";
import { MAX_BODY_BYTES } from "@/lib/validation";

const TOO_LARGE = "The file is larger than 2 MB.";

export function NewArticleForm() {
  const [result, action, pending] = useActionState(createArticleAction, null);
  // Refused before upload: a file over the limit would only travel to be refused by the server.
  const [tooLarge, setTooLarge] = useState(false);
  const [sentFile, setSentFile] = useState(false);
  const fields = uploadFieldErrors(tooLarge ? { file: TOO_LARGE } : result && !result.ok ? (result.fields ?? {}) : {}, sentFile);
  const summary = tooLarge ? TOO_LARGE : result && !result.ok ? result.error : null;

  // Submitting through startTransition instead of the form action keeps what the user typed and
  // picked when the server refuses it (a form action resets the form after every submission).
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formData = new FormData(e.currentTarget);
    const file = formData.get("file");
    const isTooLarge = file instanceof File && file.size > MAX_BODY_BYTES;
    setTooLarge(isTooLarge);
    setSentFile(file instanceof File && file.size > 0);
    if (isTooLarge) return;
    startTransition(() => action(formData));
  };

  return (
    <form action={action} onSubmit={onSubmit} className="card form" aria-label="New article">
      {summary && (
        <p role="alert" className="error">
          {summary}
        </p>
      )}
      <Field label="Title" error={fields.title}>
        {(p) => <input {...p} name="title" required maxLength={500} />}
      </Field>
      <Field label="Article URL" hint="(where it was published)" error={fields.url}>
        {(p) => <input {...p} name="url" type="url" placeholder="https://" />}
      </Field>
      <Field label="Publisher" error={fields.publisher}>
        {(p) => <input {...p} name="publisher" maxLength={200} />}
      </Field>
      <Field label="Author" error={fields.author}>
        {(p) => <input {...p} name="author" maxLength={200} />}
      </Field>
      <Field label="Published date" error={fields.publishedAt}>
        {(p) => <input {...p} name="publishedAt" type="date" />}
      </Field>
      <Field label="Format of the pasted text" error={fields.format}>
        {(p) => (
          <select {...p} name="format" defaultValue="text">
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
        )}
      </Field>
      <Field label="Article text" error={fields.body}>
        {(p) => <textarea {...p} name="body" rows={14} />}
      </Field>
      <Field label="…or upload a file" hint="(.txt, .md or .html, at most 2 MB; used instead of the pasted text)" error={fields.file}>
        {(p) => <input {...p} name="file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" />}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import article"}
      </button>
    </form>
  );
}
