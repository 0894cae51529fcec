"use client";

import Link from "next/link";
import { useActionState } from "react";
import { createRevisionAction } from "@/app/actions/articles";
import { AnchorBadge } from "@/app/components/verdict-badge";

export function ReviseForm({ articleId, baseRevision, body }: { articleId: string; baseRevision: number; body: string }) {
  const [result, action, pending] = useActionState(createRevisionAction, null);
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
                    <AnchorBadge state={c.anchorState} /> “{c.text}”{c.backToReview ? " — sent back to review" : ""}
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
  const fieldError = result && !result.ok ? result.fields?.body ?? result.fields?.file : undefined;
  return (
    <form action={action} className="card form" aria-label="Correct the text">
      {result && !result.ok && <p role="alert" className="error">{result.error}</p>}
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      <label>
        Format
        <select name="format" defaultValue="text">
          <option value="text">Plain text</option>
          <option value="markdown">Markdown</option>
          <option value="html">HTML</option>
        </select>
      </label>
      <label>
        Corrected text
        <textarea name="body" rows={20} defaultValue={body} aria-describedby="err-body" />
        {fieldError && <span className="field-error" id="err-body">{fieldError}</span>}
      </label>
      <label>
        …or upload a file
        <input name="file" type="file" accept=".txt,.md,.markdown,.html,.htm" />
      </label>
      <button type="submit" disabled={pending}>{pending ? "Saving and re-anchoring…" : "Save new revision"}</button>
    </form>
  );
}
