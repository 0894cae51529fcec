"use client";

import Link from "next/link";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { createRevisionAction } from "@/app/actions/articles";
import { Field, uploadFieldErrors } from "@/app/components/field";
import { QuotedText } from "@/app/components/quoted-text";
import { AnchorBadge } from "@/app/components/verdict-badge";
import { MAX_BODY_BYTES } from "@/lib/validation";

const TOO_LARGE = "The file is larger than 2 MB.";

export function ReviseForm({ articleId, baseRevision, body }: { articleId: string; baseRevision: number; body: string }) {
  const [result, action, pending] = useActionState(createRevisionAction, null);
  const [tooLarge, setTooLarge] = useState(false);
  const [sentFile, setSentFile] = useState(false);

  // As on the new-article form: submit without the form action's reset, so that a refused
  // correction keeps the edited text, and refuse an oversized file before uploading it.
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
  if (result?.ok && result.data) {
    const r = result.data;
    return (
      <div className="card" role="status">
        {r.unchanged ? (
          <p>The text is the same as revision {r.revision}; nothing changed.</p>
        ) : (
          <>
            <p className="success">Saved as revision {r.revision}.</p>
            {r.claims.length > 0 && (
              <ul>
                {r.claims.map((c) => (
                  <li key={c.id}>
                    <AnchorBadge state={c.anchorState} /> <QuotedText text={c.text} />
                    {c.backToReview ? " — sent back to review" : ""}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <Link className="button" href={`/articles/${articleId}`}>
          Back to the article
        </Link>
      </div>
    );
  }
  const fields = uploadFieldErrors(tooLarge ? { file: TOO_LARGE } : result && !result.ok ? (result.fields ?? {}) : {}, sentFile);
  const summary = tooLarge ? TOO_LARGE : result && !result.ok ? result.error : null;
  return (
    <form action={action} onSubmit={onSubmit} className="card form" aria-label="Correct the text">
      {summary && (
        <p role="alert" className="error">
          {summary}
        </p>
      )}
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      <Field label="Format" error={fields.format}>
        {(p) => (
          <select {...p} name="format" defaultValue="text">
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
        )}
      </Field>
      <Field label="Corrected text" error={fields.body ?? fields.baseRevision}>
        {(p) => <textarea {...p} name="body" rows={20} defaultValue={body} />}
      </Field>
      <Field label="…or upload a file" hint="(.txt, .md or .html, at most 2 MB; used instead of the text above)" error={fields.file}>
        {(p) => <input {...p} name="file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" />}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? "Saving and re-anchoring…" : "Save new revision"}
      </button>
    </form>
  );
}
