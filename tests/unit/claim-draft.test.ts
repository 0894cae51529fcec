import { describe, expect, it } from "vitest";
import {
  changedUnderneath,
  changesToSave,
  conflictingFields,
  draftReducer,
  type DraftState,
  initialDraft,
  isDirty,
} from "@/app/(desk)/articles/[id]/claim-draft";
import type { ClaimView } from "@/lib/claims/claim-view";

function claimAt(version: number, patch: Partial<ClaimView> = {}): ClaimView {
  return {
    id: "c1",
    articleId: "a1",
    exact: "the bridge cost £3.4bn",
    prefix: "",
    suffix: "",
    start: 0,
    end: 22,
    revision: 1,
    anchorState: "anchored",
    anchorText: null,
    claimant: "The mayor",
    claimantType: "Person",
    statement: "The bridge cost £3.4bn",
    claimDate: null,
    claimPlace: null,
    appearanceUrl: null,
    verdict: "unverified",
    rationale: "",
    status: "draft",
    statusReason: null,
    version,
    createdBy: "u1",
    createdByName: "Ana",
    updatedBy: "u1",
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    approvedVersion: null,
    assignedReviewerId: null,
    assignedReviewerName: null,
    editorsSinceApproval: [],
    sources: [],
    ...patch,
  };
}

const edit = (s: DraftState, changes: Parameters<typeof draftReducer>[1] & { type: "edit" }) => draftReducer(s, changes);

describe("claim draft reducer", () => {
  it("starts clean and sends only the changed fields with the version it is based on", () => {
    const s0 = initialDraft(claimAt(3));
    expect(isDirty(s0)).toBe(false);
    const s1 = edit(s0, { type: "edit", changes: { rationale: "Audited accounts.", verdict: "false" } });
    expect(isDirty(s1)).toBe(true);
    expect(changesToSave(s1)).toEqual({ version: 3, rationale: "Audited accounts.", verdict: "false" });
  });

  it("a clean form follows a newer version rendered by the page; a dirty one keeps the user's text", () => {
    const s0 = initialDraft(claimAt(1));
    const theirs = claimAt(2, { rationale: "Theirs" });
    const clean = draftReducer(s0, { type: "rendered", claim: theirs });
    expect(clean.form.rationale).toBe("Theirs");
    expect(clean.baseVersion).toBe(2);
    const dirty = draftReducer(edit(s0, { type: "edit", changes: { rationale: "Mine" } }), { type: "rendered", claim: theirs });
    expect(dirty.form.rationale).toBe("Mine");
    expect(dirty.baseVersion).toBe(1); // the save will meet version 2 as a conflict
    expect(dirty.seenVersion).toBe(2);
  });

  it("a conflict keeps my text; taking theirs replaces it, keeping mine rebases onto their version", () => {
    const mine = edit(initialDraft(claimAt(1)), { type: "edit", changes: { rationale: "Mine", verdict: "false" } });
    const theirs = claimAt(2, { rationale: "Theirs", verdict: "false" });
    const conflicted = draftReducer(mine, { type: "conflict", current: theirs });
    expect(conflicted.form.rationale).toBe("Mine");
    expect(conflictingFields(conflicted)).toEqual(["rationale"]);

    const took = draftReducer(conflicted, { type: "takeTheirs" });
    expect(took).toMatchObject({ conflict: null, baseVersion: 2 });
    expect(took.form.rationale).toBe("Theirs");
    expect(isDirty(took)).toBe(false);

    const kept = draftReducer(conflicted, { type: "keepMine" });
    expect(kept.conflict).toBeNull();
    // Only what differs from theirs is sent, based on their version.
    expect(changesToSave(kept)).toEqual({ version: 2, rationale: "Mine" });
  });

  it("a save replaces the draft with the server's claim", () => {
    const s = edit(initialDraft(claimAt(1)), { type: "edit", changes: { statement: "New" } });
    const saved = draftReducer(s, { type: "saved", claim: claimAt(2, { statement: "New" }) });
    expect(isDirty(saved)).toBe(false);
    expect(saved.baseVersion).toBe(2);
  });

  it("submit/withdraw moves the base version without dropping unsaved text", () => {
    const s = edit(initialDraft(claimAt(4)), { type: "edit", changes: { rationale: "Typing…" } });
    const moved = draftReducer(s, { type: "workflowChanged", claim: claimAt(5, { status: "in_review" }) });
    expect(moved.baseVersion).toBe(5);
    expect(moved.form.rationale).toBe("Typing…");
    // A workflow conflict catches a clean form up, leaves a dirty one for the save's conflict.
    expect(draftReducer(initialDraft(claimAt(4)), { type: "workflowConflict", current: claimAt(6) }).baseVersion).toBe(6);
    expect(draftReducer(s, { type: "workflowConflict", current: claimAt(6) }).baseVersion).toBe(4);
  });

  it("its own source edit moves the base by one; a bigger jump is someone else's change", () => {
    const s = initialDraft(claimAt(2));
    expect(draftReducer(s, { type: "sourceChanged", claim: claimAt(3) }).baseVersion).toBe(3);
    expect(draftReducer(s, { type: "sourceChanged", claim: claimAt(5) }).baseVersion).toBe(2);
  });

  it("the claimant type follows the name while it is the guess, and stays once chosen", () => {
    const s0 = initialDraft(claimAt(1, { claimant: "", claimantType: "Person" }));
    const council = edit(s0, { type: "edit", changes: { claimant: "the town council" } });
    expect(council.form.claimantType).toBe("Organization");
    const chosen = edit(council, { type: "edit", changes: { claimantType: "Person" } });
    expect(edit(chosen, { type: "edit", changes: { claimant: "the city council" } }).form.claimantType).toBe("Person");
  });
});

describe("a change underneath unsaved edits", () => {
  it("is announced while the form is dirty and the rendered claim is newer than the one the edits are based on", () => {
    const start = initialDraft(claimAt(3));
    const typing = draftReducer(start, { type: "edit", changes: { rationale: "Company filings." } });
    expect(changedUnderneath(typing, 3)).toBe(false);
    const theirs = draftReducer(typing, { type: "rendered", claim: claimAt(4, { verdict: "false" }) });
    expect(theirs.form.rationale).toBe("Company filings.");
    expect(changedUnderneath(theirs, 4)).toBe(true);
    // Once the save met the 409, the conflict table takes over from the warning.
    expect(changedUnderneath(draftReducer(theirs, { type: "conflict", current: claimAt(4) }), 4)).toBe(false);
  });

  it("is not announced for a clean form, which follows the newer claim", () => {
    const clean = draftReducer(initialDraft(claimAt(3)), { type: "rendered", claim: claimAt(4, { verdict: "false" }) });
    expect(clean.form.verdict).toBe("false");
    expect(changedUnderneath(clean, 4)).toBe(false);
  });
});
