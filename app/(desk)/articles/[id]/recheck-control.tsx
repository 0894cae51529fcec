"use client";

import { useState, type FormEvent } from "react";
import { setRecheckDateAction } from "@/app/actions/recheck";
import { ActionMessage } from "@/app/components/action-message";
import { Field } from "@/app/components/field";
import { useServerAction } from "@/app/components/use-server-action";
import type { ClaimView } from "@/lib/claims/claim-view";

/**
 * An approved verdict's "re-check by" date (lib/recheck/), and the editor's control to move it.
 * Moving it is not an edit of the verdict: the claim keeps its status and version.
 */
export function RecheckControl({ claim, canWrite, onChange }: { claim: ClaimView; canWrite: boolean; onChange: () => void }) {
  const [date, setDate] = useState(claim.recheckBy ?? "");
  const action = useServerAction();
  if (claim.status !== "approved" && !claim.recheckBy) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await action.run(
      () => setRecheckDateAction(claim.id, { version: claim.version, recheckBy: date }),
      `Re-check by ${date}.`,
    );
    if (result.ok) onChange();
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
          <Field label="Re-check by" error={action.fields.recheckBy ?? null}>
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
          <button type="submit" className="secondary" disabled={action.pending || date === "" || date === claim.recheckBy}>
            Change date
          </button>
        </form>
      )}
      <ActionMessage state={action} />
    </section>
  );
}
