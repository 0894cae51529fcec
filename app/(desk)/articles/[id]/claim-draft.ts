import type { ClaimView } from "@/lib/claims/claim-view";
import { inferClaimantType } from "@/lib/claims/claimant-type";
import type { Verdict } from "@/lib/claims/verdicts";

/**
 * The claim panel's draft, as a pure reducer: what the user typed (`form`), what the server last
 * confirmed (`saved`, at `baseVersion`), and a conflict when a save met someone else's newer
 * version. The rules: nothing typed is ever dropped silently; a clean form follows the claim as
 * it changes on the server; a save is always based on a version the user has seen.
 */
export type Editable = {
  claimant: string;
  claimantType: "Person" | "Organization";
  statement: string;
  claimDate: string;
  claimPlace: string;
  verdict: Verdict;
  rationale: string;
};

export const FIELD_LABELS: Record<keyof Editable, string> = {
  claimant: "Claimant",
  claimantType: "Claimant type",
  statement: "Claim statement",
  claimDate: "Claim date",
  claimPlace: "Where it was made",
  verdict: "Verdict",
  rationale: "How we checked",
};

const FIELDS = Object.keys(FIELD_LABELS) as (keyof Editable)[];

export function editableOf(c: ClaimView): Editable {
  return {
    claimant: c.claimant ?? "",
    claimantType: c.claimantType,
    statement: c.statement,
    claimDate: c.claimDate ?? "",
    claimPlace: c.claimPlace ?? "",
    verdict: c.verdict,
    rationale: c.rationale,
  };
}

export interface DraftState {
  form: Editable;
  saved: Editable;
  /** The version the next save is based on. */
  baseVersion: number;
  /** The newest version the page has rendered (to notice a router.refresh()). */
  seenVersion: number;
  /** Their claim, when my save met a newer version; my text stays in `form`. */
  conflict: ClaimView | null;
}

export type DraftAction =
  | { type: "edit"; changes: Partial<Editable> }
  /** The page rendered the claim again (after a refresh): maybe someone else's change. */
  | { type: "rendered"; claim: ClaimView }
  /** My save went through. */
  | { type: "saved"; claim: ClaimView }
  /** My save (or step) met a newer version: `current` is the claim as it is now. */
  | { type: "conflict"; current: ClaimView }
  | { type: "takeTheirs" }
  /** Save mine over theirs, knowingly: based on their version, so a third edit still conflicts. */
  | { type: "keepMine" }
  /** Submit or withdraw went through: a new version; the fields did not change. */
  | { type: "workflowChanged"; claim: ClaimView }
  /** Submit or withdraw met a newer version. */
  | { type: "workflowConflict"; current: ClaimView }
  /** A source was added, edited or removed, or a figure corrected (each bumps the version by one). */
  | { type: "sourceChanged"; claim: ClaimView };

export function initialDraft(claim: ClaimView): DraftState {
  const e = editableOf(claim);
  return { form: e, saved: e, baseVersion: claim.version, seenVersion: claim.version, conflict: null };
}

export function isDirty(s: DraftState): boolean {
  return FIELDS.some((k) => s.form[k] !== s.saved[k]);
}

/** The fields to send: those that differ from what the save is based on, and that version. */
export function changesToSave(s: DraftState): Record<string, unknown> {
  const changes: Record<string, unknown> = { version: s.baseVersion };
  for (const k of FIELDS) if (s.form[k] !== s.saved[k]) changes[k] = s.form[k];
  return changes;
}

/**
 * Someone else's newer version of the claim has been rendered (a live update, a refresh) while the
 * form holds unsaved edits: the panel says so before the user saves (the save would meet a 409).
 */
export function changedUnderneath(s: DraftState, renderedVersion: number): boolean {
  return isDirty(s) && !s.conflict && renderedVersion > s.baseVersion;
}

/** Fields where the conflicting version and my form differ (the conflict table's rows). */
export function conflictingFields(s: DraftState): (keyof Editable)[] {
  if (!s.conflict) return [];
  const theirs = editableOf(s.conflict);
  return FIELDS.filter((k) => theirs[k] !== s.form[k]);
}

function catchUp(s: DraftState, claim: ClaimView): DraftState {
  const e = editableOf(claim);
  return { ...s, form: e, saved: e, baseVersion: claim.version };
}

export function draftReducer(s: DraftState, a: DraftAction): DraftState {
  switch (a.type) {
    case "edit": {
      const form = { ...s.form, ...a.changes };
      // The claimant type follows the name while it is still the guess (the server does the same).
      if (a.changes.claimant !== undefined && a.changes.claimantType === undefined)
        form.claimantType =
          s.form.claimantType === inferClaimantType(s.form.claimant)
            ? inferClaimantType(a.changes.claimant)
            : s.form.claimantType;
      return { ...s, form };
    }
    case "rendered": {
      if (a.claim.version === s.seenVersion) return s;
      const next = { ...s, seenVersion: a.claim.version };
      // A clean form follows; a dirty one keeps the user's text and meets the change as a 409 on save.
      if (a.claim.version > s.baseVersion && !isDirty(s) && !s.conflict) return catchUp(next, a.claim);
      return next;
    }
    case "saved":
      return { ...catchUp(s, a.claim), conflict: null };
    case "conflict":
      return { ...s, conflict: a.current };
    case "takeTheirs":
      return s.conflict ? { ...catchUp(s, s.conflict), conflict: null } : s;
    case "keepMine":
      return s.conflict ? { ...s, saved: editableOf(s.conflict), baseVersion: s.conflict.version, conflict: null } : s;
    case "workflowChanged":
      return isDirty(s)
        ? { ...s, baseVersion: a.claim.version }
        : { ...s, form: editableOf(a.claim), saved: editableOf(a.claim), baseVersion: a.claim.version };
    case "workflowConflict":
      // Nothing typed to lose: catch up with the claim as it is now. Otherwise the save shows the conflict.
      return !isDirty(s) && !s.conflict ? catchUp(s, a.current) : s;
    case "sourceChanged":
      // Our own source edit bumps the version by one; anything else is someone else's change.
      return a.claim.version === s.baseVersion + 1 ? { ...s, baseVersion: a.claim.version } : s;
  }
}
