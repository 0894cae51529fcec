"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createClaimAction } from "@/app/actions/claims";
import type { DeskSuggestion } from "./article-text";
import { useClaimSwitch } from "./claim-switch";
import { QuotedText } from "@/app/components/quoted-text";

/** Suggested claims; one action turns a suggestion into a claim (with its suggested claimant). */
export function SuggestionList({ articleId, suggestions }: { articleId: string; suggestions: DeskSuggestion[] }) {
  const router = useRouter();
  const claimSwitch = useClaimSwitch();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const accept = async (s: DeskSuggestion) => {
    setBusy(s.start);
    claimSwitch.begin();
    const result = await createClaimAction(articleId, {
      start: s.start,
      end: s.end,
      statement: s.statement,
      ...(s.claimant ? { claimant: s.claimant, claimantType: s.claimantType ?? "Person" } : {}),
    });
    setBusy(null);
    if (!result.ok) {
      claimSwitch.cancel();
      setError(result.error);
      return;
    }
    if (result.data) claimSwitch.begin(result.data.id);
    router.push(`/articles/${articleId}?claim=${result.data?.id}`, { scroll: false });
    router.refresh();
  };
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title" style={{ marginTop: 0 }}>
        Suggested claims ({suggestions.length})
      </h2>
      <p className="muted">Found automatically: numbers, comparisons and attributed statements. Check before marking.</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="suggestion-list">
        {suggestions.map((s) => (
          <li key={`${s.start}-${s.end}`} data-testid="suggestion">
            <span className="quote" id={`sugg-${s.start}`}>
              <QuotedText text={s.exact} />
            </span>
            <div className="muted" style={{ fontSize: "0.8rem" }}>
              {s.claimant ? `${s.claimant} · ` : ""}
              {s.reasons.join(" · ")}
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => void accept(s)}
              disabled={busy !== null}
              aria-describedby={`sugg-${s.start}`}
            >
              Mark as claim
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
