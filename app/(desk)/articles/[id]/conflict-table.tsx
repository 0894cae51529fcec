"use client";

import type { ClaimView } from "@/lib/claims/claim-view";
import { VERDICT_INFO } from "@/lib/claims/verdicts";
import { type Editable, editableOf, FIELD_LABELS } from "./claim-draft";

function shown(e: Editable, k: keyof Editable): string {
  return k === "verdict" ? VERDICT_INFO[e.verdict].label : String(e[k] || "—");
}

/** Someone else saved first: their value and mine for each field that differs, and the two ways out. */
export function ConflictTable({
  theirs,
  mine,
  fields,
  busy,
  onKeepMine,
  onTakeTheirs,
}: {
  theirs: ClaimView;
  mine: Editable;
  fields: (keyof Editable)[];
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const theirValues = editableOf(theirs);
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      <p>
        <strong>Someone else changed this claim</strong> (now version {theirs.version}). Your changes are still in the form below
        and were not saved.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Their version</th>
            <th scope="col">Yours</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((k) => (
            <tr key={k}>
              <th scope="row">{FIELD_LABELS[k]}</th>
              <td>{shown(theirValues, k)}</td>
              <td>{shown(mine, k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-controls">
        <button type="button" onClick={onKeepMine} disabled={busy}>
          Save mine over theirs
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs} disabled={busy}>
          Discard mine, use theirs
        </button>
      </div>
    </div>
  );
}
