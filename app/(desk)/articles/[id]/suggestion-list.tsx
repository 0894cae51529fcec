"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createClaimAction } from "@/app/actions/claims";
import { dismissSuggestionAction } from "@/app/actions/suggestions";
import type { DeskSuggestion } from "./article-text";
import { useClaimSwitch } from "./claim-switch";
import { QuotedText } from "@/app/components/quoted-text";
import { CLAIM_LIMITS } from "@/lib/claims/limits";
import { useServerAction } from "@/app/components/use-server-action";

const key = (s: DeskSuggestion) => `${s.start}-${s.end}`;

/**
 * Suggested claims beside the text: the clause, who said it, the sentence it sits in, and a
 * proposed statement the editor may change before marking. One action marks a suggestion as a
 * claim (with its claimant and the statement), another dismisses it for this article.
 */
export function SuggestionList({ articleId, suggestions }: { articleId: string; suggestions: DeskSuggestion[] }) {
  const router = useRouter();
  const claimSwitch = useClaimSwitch();
  const { pending, firstError: error, run } = useServerAction();
  const [statements, setStatements] = useState<Record<string, string>>({});
  const accept = async (s: DeskSuggestion) => {
    claimSwitch.begin();
    // The server adds the suggestion's claimant; the statement is the one the editor may have changed.
    const result = await run(() =>
      createClaimAction(articleId, { start: s.start, end: s.end, statement: statements[key(s)] ?? s.statement }),
    );
    if (!result.ok) {
      claimSwitch.cancel();
      return;
    }
    if (result.data) claimSwitch.begin(result.data.id);
    router.push(`/articles/${articleId}?claim=${result.data?.id}`, { scroll: false });
    router.refresh();
  };
  const dismiss = async (s: DeskSuggestion) => {
    const result = await run(() => dismissSuggestionAction(articleId, { start: s.start, end: s.end }));
    if (result.ok) router.refresh();
  };
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title" style={{ marginTop: 0 }}>
        Suggested claims ({suggestions.length})
      </h2>
      <p className="muted">
        Found automatically: figures, comparisons, dates and who said them. Check before marking; dismissed suggestions do not
        come back for this article.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="suggestion-list">
        {suggestions.map((s) => {
          const id = `sugg-${s.start}`;
          return (
            <li key={key(s)} data-testid="suggestion">
              <span className="quote" id={id}>
                <QuotedText text={s.exact} />
              </span>
              <div className="muted" style={{ fontSize: "0.8rem" }}>
                {s.claimant
                  ? `${s.claimant} (${s.claimantType === "Organization" ? "organisation" : "person"}) · `
                  : "reporter · "}
                {s.reasons.join(" · ")}
              </div>
              {s.context.exact !== s.exact && (
                <div className="muted suggestion-context" style={{ fontSize: "0.8rem" }}>
                  In: <QuotedText text={s.context.exact} />
                </div>
              )}
              <label className="suggestion-statement">
                <span>Proposed statement</span>
                <input
                  type="text"
                  value={statements[key(s)] ?? s.statement}
                  maxLength={CLAIM_LIMITS.statement}
                  onChange={(e) => setStatements((all) => ({ ...all, [key(s)]: e.target.value }))}
                  aria-describedby={`${id}-hint`}
                />
              </label>
              <span id={`${id}-hint`} className="hint muted" style={{ fontSize: "0.75rem" }}>
                (a proposal: edit it before marking; {Array.from(statements[key(s)] ?? s.statement).length} characters)
              </span>
              <div className="row-controls">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void accept(s)}
                  disabled={pending}
                  aria-describedby={id}
                >
                  Mark as claim
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void dismiss(s)}
                  disabled={pending}
                  aria-describedby={id}
                >
                  Dismiss
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
