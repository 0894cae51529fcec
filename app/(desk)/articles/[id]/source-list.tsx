"use client";

import { useState } from "react";
import { removeSourceAction } from "@/app/actions/claims";
import { SourceSummary } from "@/app/components/source-summary";
import type { ClaimView, SourceView } from "@/lib/claims/claim-view";
import { SourceForm } from "./source-form";
import { useServerAction } from "@/app/components/use-server-action";

/** What the claim panel gives each list of a claim's parts (sources, figures) that edits them. */
export interface ClaimPartsProps {
  claim: ClaimView;
  /**
   * The newest claim version the panel knows: after a save it is ahead of `claim` (the page's data)
   * until the page has refreshed, and a change sent with `claim.version` would be a 409.
   */
  version: number;
  canWrite: boolean;
  onChange: (c: ClaimView) => void;
}

/** The claim's sources, each editable and removable, and the form that adds one. */
export function SourceList({ claim, version, canWrite, onChange }: ClaimPartsProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const { error, run } = useServerAction();
  const sources = claim.sources ?? [];
  const remove = async (s: SourceView) => {
    if (!window.confirm(`Remove the source “${s.title}”?`)) return;
    const result = await run(() => removeSourceAction(claim.id, s.id, { claimVersion: version }));
    if (result.ok && result.data) onChange(result.data.claim);
  };
  return (
    <section aria-labelledby="sources-title">
      <h3 id="sources-title">Sources</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {sources.length === 0 && <p className="muted">No sources yet. A verdict needs at least one.</p>}
      <ul className="sources">
        {sources.map((s) =>
          editing === s.id ? (
            <li key={s.id}>
              <SourceForm
                claimId={claim.id}
                claimVersion={version}
                source={s}
                onDone={(c) => {
                  setEditing(null);
                  if (c) onChange(c);
                }}
              />
            </li>
          ) : (
            <SourceSummary key={s.id} source={s}>
              {canWrite && (
                <div className="row-controls">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setEditing(s.id)}
                    aria-label={`Edit source ${s.title}`}
                  >
                    Edit
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(s)} aria-label={`Remove source ${s.title}`}>
                    Remove
                  </button>
                </div>
              )}
            </SourceSummary>
          ),
        )}
      </ul>
      {canWrite && editing === null && <SourceForm claimId={claim.id} claimVersion={version} onDone={(c) => c && onChange(c)} />}
    </section>
  );
}
