"use client";

import Link from "next/link";
import { createRevisionAction } from "@/app/actions/articles";
import { BodyFileField, BodyFormatField, useArticleBodyForm } from "@/app/components/article-body-fields";
import { Field } from "@/app/components/field";
import { QuotedText } from "@/app/components/quoted-text";
import { AnchorBadge } from "@/app/components/verdict-badge";

export function ReviseForm({ articleId, baseRevision, body }: { articleId: string; baseRevision: number; body: string }) {
  // As on the new-article form: a refused correction keeps the edited text, and an oversized file
  // is refused before it is uploaded.
  const { result, action, pending, onSubmit, fields, summary } = useArticleBodyForm(createRevisionAction);
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
  return (
    <form action={action} onSubmit={onSubmit} className="card form" aria-label="Correct the text">
      {summary && (
        <p role="alert" className="error">
          {summary}
        </p>
      )}
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      <BodyFormatField label="Format" error={fields.format} />
      <Field label="Corrected text" error={fields.body ?? fields.baseRevision}>
        {(p) => <textarea {...p} name="body" rows={20} defaultValue={body} />}
      </Field>
      <BodyFileField insteadOf="the text above" error={fields.file} />
      <button type="submit" disabled={pending}>
        {pending ? "Saving and re-anchoring…" : "Save new revision"}
      </button>
    </form>
  );
}
