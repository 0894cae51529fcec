import { describe, expect, it } from "vitest";
import type { ClaimRow } from "../../db/schema/claims";
import {
  CLAIM_STATUSES,
  type ClaimStatus,
  TRANSITIONS,
  type TransitionTable,
  WORKFLOW_EVENTS,
  type WorkflowEvent,
  allowedEvents,
  nextStatus,
} from "../../lib/workflow/state-machine";
import { checkSubmission, describeMissing } from "../../lib/workflow/submission-check";

// The workflow's statuses are exactly the column's: adding one on either side fails `tsc`.
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStatuses: Equals<ClaimStatus, ClaimRow["status"]> = true;

/** The whole table, written out independently: every cell is either a target or a refusal. */
const EXPECTED: Record<ClaimStatus, Record<WorkflowEvent, ClaimStatus | null>> = {
  draft: {
    submit: "in_review",
    withdraw: null,
    approve: null,
    request_changes: null,
    edit_after_approval: null,
    text_changed: "draft",
  },
  in_review: {
    submit: null,
    withdraw: "draft",
    approve: "approved",
    request_changes: "changes_requested",
    edit_after_approval: null,
    text_changed: "in_review",
  },
  changes_requested: {
    submit: "in_review",
    withdraw: null,
    approve: null,
    request_changes: null,
    edit_after_approval: null,
    text_changed: "changes_requested",
  },
  approved: {
    submit: null,
    withdraw: null,
    approve: null,
    request_changes: null,
    edit_after_approval: "in_review",
    text_changed: "in_review",
  },
};

const cells = CLAIM_STATUSES.flatMap((status) =>
  WORKFLOW_EVENTS.map((event) => [status, event, EXPECTED[status][event]] as const),
);

describe("claim state machine", () => {
  it("matches the statuses of the claims table", () => {
    expect(sameStatuses).toBe(true);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CLAIM_STATUSES].sort());
    for (const status of CLAIM_STATUSES) expect(Object.keys(TRANSITIONS[status]).sort()).toEqual([...WORKFLOW_EVENTS].sort());
  });

  it("the machine has 24 cells: 10 allowed, 14 refused", () => {
    const machine = CLAIM_STATUSES.flatMap((status) => WORKFLOW_EVENTS.map((event) => TRANSITIONS[status][event]));
    expect(machine).toHaveLength(24);
    expect(machine.filter((cell) => cell.allowed)).toHaveLength(10);
  });

  it.each(cells.filter(([, , to]) => to !== null))("%s --%s--> %s", (status, event, to) => {
    expect(nextStatus(status, event)).toEqual({ ok: true, status: to });
  });

  it.each(cells.filter(([, , to]) => to === null))("%s --%s--> refused with a reason", (status, event) => {
    const result = nextStatus(status, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^[A-Z].{10,}\.$/);
  });

  it("names the refusals in words a user understands", () => {
    expect(nextStatus("in_review", "submit")).toEqual({ ok: false, reason: "This claim is already in review." });
    expect(nextStatus("approved", "approve")).toEqual({ ok: false, reason: "This claim is already approved." });
    expect(nextStatus("draft", "approve")).toMatchObject({ reason: expect.stringMatching(/not been submitted/) });
    expect(nextStatus("changes_requested", "approve")).toMatchObject({ reason: expect.stringMatching(/resubmit/) });
  });

  it("only a claim in review can be decided on or withdrawn", () => {
    for (const status of CLAIM_STATUSES) {
      for (const event of ["approve", "request_changes", "withdraw"] as const) {
        expect(nextStatus(status, event).ok, `${status} ${event}`).toBe(status === "in_review");
      }
    }
  });

  it("lists what each status accepts, for the workflow buttons", () => {
    expect(allowedEvents("draft")).toEqual(["submit", "text_changed"]);
    expect(allowedEvents("in_review")).toEqual(["withdraw", "approve", "request_changes", "text_changed"]);
    expect(allowedEvents("changes_requested")).toEqual(["submit", "text_changed"]);
    expect(allowedEvents("approved")).toEqual(["edit_after_approval", "text_changed"]);
  });

  it("an approval is never reached except through review", () => {
    const reachApproved = CLAIM_STATUSES.flatMap((from) =>
      WORKFLOW_EVENTS.filter((e) => {
        const next = nextStatus(from, e);
        return next.ok && next.status === "approved";
      }).map((e) => `${from}:${e}`),
    );
    expect(reachApproved).toEqual(["in_review:approve"]);
  });

  it("refuses, at type level, a table that leaves a cell undecided", () => {
    const incomplete = {
      ...TRANSITIONS,
      approved: { ...TRANSITIONS.approved, text_changed: undefined },
    };
    // @ts-expect-error text_changed is missing for approved
    const table: TransitionTable = incomplete;
    expect(table.approved.text_changed).toBeUndefined();
  });
});

describe("submission check", () => {
  it("lists every missing piece with its message", () => {
    const check = checkSubmission({ verdict: "unverified", rationale: "   ", sourceCount: 0 });
    expect(check.ready).toBe(false);
    expect(check.missing).toEqual(["verdict", "rationale", "sources"]);
    expect(check.fields).toEqual({
      verdict: "Choose a verdict other than Unverified.",
      rationale: 'Write the "how we checked" note.',
      sources: "Add at least one source.",
    });
    expect(describeMissing(check)).toBe(
      'Before submitting: choose a verdict other than Unverified; write the "how we checked" note; add at least one source.',
    );
  });

  it("names only what is missing", () => {
    expect(checkSubmission({ verdict: "false", rationale: "", sourceCount: 2 }).missing).toEqual(["rationale"]);
    expect(checkSubmission({ verdict: "unverified", rationale: "Checked the budget.", sourceCount: 1 }).missing).toEqual([
      "verdict",
    ]);
    expect(checkSubmission({ verdict: "disputed", rationale: "Asked both sides.", sourceCount: 0 }).missing).toEqual(["sources"]);
    expect(checkSubmission({ verdict: "verified", rationale: null, sourceCount: 1 }).missing).toEqual(["rationale"]);
  });

  it("is ready with a final verdict, a note and a source", () => {
    const check = checkSubmission({ verdict: "misleading", rationale: "Compared with Eurostat.", sourceCount: 1 });
    expect(check).toEqual({ ready: true, missing: [], fields: {} });
    expect(describeMissing(check)).toBe("Ready to submit.");
  });
});
