"use client";

import { useRouter } from "next/navigation";
import { useReducer, type FormEvent, type ReactNode } from "react";
import { updateClaimAction } from "@/app/actions/claims";
import { ActionMessage } from "@/app/components/action-message";
import { ClaimMatchesSection } from "@/app/components/claim-matches";
import { QuotedText } from "@/app/components/quoted-text";
import { useServerAction } from "@/app/components/use-server-action";
import { AnchorBadge, StatusBadge, VerdictBadge } from "@/app/components/verdict-badge";
import type { ClaimView } from "@/lib/claims/claim-view";
import {
  changedUnderneath,
  changesToSave,
  conflictingFields,
  draftReducer,
  type DraftState,
  type Editable,
  initialDraft,
  isDirty,
} from "./claim-draft";
import { ClaimFields } from "./claim-fields";
import { ConflictTable } from "./conflict-table";
import { FigureList } from "./figure-list";
import { FigureWarningsSection } from "./figure-warnings-section";
import { RecheckControl } from "./recheck-control";
import { SourceList } from "./source-list";
import { WorkflowSection } from "./workflow-section";

/**
 * The claim panel beside the article. Each part is a section component (header, workflow, text
 * change, conflict, fields, sources) so that new sections slot in without touching the others;
 * the draft's rules live in the pure reducer of claim-draft.ts.
 */
export function ClaimPanel({
  claim,
  canWrite,
  textChange,
  canReview,
}: {
  claim: ClaimView;
  canWrite: boolean;
  /** The marked text beside the text now under the claim, when they differ (rendered by the server: the diff stays there). */
  textChange: ReactNode;
  /** Whether the reader may review claims (only changes how the review link reads). */
  canReview?: boolean;
}) {
  const router = useRouter();
  const [draft, dispatch] = useReducer(draftReducer, claim, initialDraft);
  const action = useServerAction();
  const busy = action.pending;
  // The page re-renders with a newer claim after router.refresh() (a workflow step, a reviewer's decision, someone's edit).
  if (claim.version !== draft.seenVersion) dispatch({ type: "rendered", claim });
  const dirty = isDirty(draft);

  async function save(from: DraftState) {
    const result = await action.run(
      () => updateClaimAction(claim.id, changesToSave(from)),
      (saved) => `Saved (version ${saved.version}).`,
    );
    if (result.ok && result.data) {
      dispatch({ type: "saved", claim: result.data });
      router.refresh();
    } else if (!result.ok) {
      // Keep everything the user typed; show theirs beside it.
      if (result.code === "conflict" && result.details?.current)
        dispatch({ type: "conflict", current: result.details.current as ClaimView });
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(draft);
  };
  const keepMine = () => {
    const next = draftReducer(draft, { type: "keepMine" });
    dispatch({ type: "keepMine" });
    void save(next);
  };
  const takeTheirs = () => {
    dispatch({ type: "takeTheirs" });
    action.reset();
    router.refresh();
  };
  const refreshAfter = (change: Parameters<typeof dispatch>[0]) => {
    dispatch(change);
    router.refresh();
  };

  const fieldErrors = action.failure?.fields;
  const ahead = draft.baseVersion > claim.version;
  // Someone else's change arrived (live update or refresh) while this form holds unsaved edits.
  const showChangedUnderneath = !busy && changedUnderneath(draft, claim.version);

  return (
    <section className="card claim-panel" aria-labelledby="claim-panel-title" data-testid="claim-panel" data-claim-id={claim.id}>
      <ClaimHeader claim={claim} />
      <WorkflowSection
        claim={claim}
        version={draft.baseVersion}
        verdict={ahead ? draft.saved.verdict : claim.verdict}
        rationale={ahead ? draft.saved.rationale : claim.rationale}
        dirty={dirty}
        canSubmit={canWrite}
        canReview={canReview}
        onChange={(next) => refreshAfter({ type: "workflowChanged", claim: next })}
        onConflict={(current) => refreshAfter({ type: "workflowConflict", current })}
      />
      <RecheckControl
        key={`${claim.id}:${claim.recheckBy}`}
        claim={claim}
        canWrite={canWrite}
        onChange={() => router.refresh()}
      />
      <FigureWarningsSection claimId={claim.id} version={claim.version} />
      <ClaimMatchesSection claimId={claim.id} version={claim.version} canConfirm={canWrite} />
      {textChange}
      {draft.conflict && (
        <ConflictTable
          theirs={draft.conflict}
          mine={draft.form}
          fields={conflictingFields(draft)}
          busy={busy}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
        />
      )}
      {showChangedUnderneath && (
        <p className="warning" role="alert" data-testid="claim-changed-underneath">
          This claim was changed by someone else while you were editing (now version {claim.version}, yours is based on version{" "}
          {draft.baseVersion}). Saving will show their version beside yours to choose from.
        </p>
      )}
      <form onSubmit={onSubmit} className="stack" aria-label="Edit claim" style={{ display: "grid", gap: "0.6rem" }}>
        <ClaimFields
          form={draft.form}
          disabled={!canWrite || busy}
          errors={fieldErrors}
          onEdit={(changes: Partial<Editable>) => dispatch({ type: "edit", changes })}
        />
        <ActionMessage state={action} />
        {canWrite && (
          <div className="row-controls">
            <button type="submit" disabled={busy || !dirty}>
              Save claim
            </button>
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
        )}
      </form>
      <FigureList
        claim={claim}
        version={draft.baseVersion}
        canWrite={canWrite}
        onChange={(next) => refreshAfter({ type: "sourceChanged", claim: next })}
      />
      <SourceList
        claim={claim}
        version={draft.baseVersion}
        canWrite={canWrite}
        onChange={(next) => refreshAfter({ type: "sourceChanged", claim: next })}
      />
    </section>
  );
}

/** The marked text, its badges and version. */
function ClaimHeader({ claim }: { claim: ClaimView }) {
  return (
    <>
      <h2 id="claim-panel-title" style={{ marginTop: 0 }}>
        Claim
      </h2>
      <p className="quote" style={{ fontFamily: "Georgia, serif" }}>
        <QuotedText text={claim.exact} />
      </p>
      <p className="row-controls">
        <VerdictBadge verdict={claim.verdict} />
        <StatusBadge status={claim.status} />
        <AnchorBadge state={claim.anchorState} />
        <span className="muted">version {claim.version}</span>
      </p>
    </>
  );
}
