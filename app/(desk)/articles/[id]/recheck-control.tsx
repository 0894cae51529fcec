"use client";

import { useState, type FormEvent } from "react";
import { setRecheckDateAction } from "@/app/actions/recheck";
import { Field } from "@/app/components/field";
import type { ClaimView } from "@/lib/claims/claim-view";

/**
 * An approved verdict's "re-check by" date (lib/recheck/), and the editor's control to move it.
 * Moving it is not an edit of the verdict: the claim keeps its status and version.
 */
export function RecheckControl({ claim, canWrite, onChange }: { claim: ClaimView; canWrite: boolean; onChange: () => void }) {
  const [date, setDate] = useState(claim.recheckBy ?? "");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string; field?: string } | null>(null);
  if (claim.status !== "approved" && !claim.recheckBy) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    const result = await setRecheckDateAction(claim.id, { version: claim.version, recheckBy: date });
    setBusy(false);
    if (result.ok) {
      setStatus({ kind: "ok", text: `Re-check by ${date}.` });
      onChange();
    } else setStatus({ kind: "error", text: result.error, field: result.fields?.recheckBy });
  }

  return (
    <section aria-labelledby={`recheck-${claim.id}`} data-testid="recheck-control">
      <h3 id={`recheck-${claim.id}`}>Re-check</h3>
      <p className={claim.recheckDueAt ? "field-error" : "muted small"} data-testid="recheck-by">
        {claim.recheckDueAt ? "Due for re-check" : "Re-check by"} {claim.recheckBy ?? "(no date)"}
        {claim.lastRecheckedAt && <> · last re-checked {claim.lastRecheckedAt.slice(0, 10)}</>}
      </p>
      {canWrite && (
        <form onSubmit={(e) => void submit(e)} className="row-controls" aria-label="Change the re-check date">
          <Field label="Re-check by" error={status?.kind === "error" ? (status.field ?? null) : null}>
            {(p) => (
              <input
                {...p}
                type="date"
                name="recheckBy"
                required
                min={new Date().toISOString().slice(0, 10)}
                value={date}
                onChange={(e) => setDate(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="secondary" disabled={busy || date === "" || date === claim.recheckBy}>
            Change date
          </button>
        </form>
      )}
      {status && (
        <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "error" : "success"}>
          {status.text}
        </p>
      )}
    </section>
  );
}
