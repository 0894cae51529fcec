import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel } from "../../lib/audit/audit-actions";
import { AUDIT_ACTIONS, isClaimAuditAction, parseAuditRow } from "../../lib/audit/audit-catalogue";
import type { AuditEntry } from "../../lib/audit/record-audit";
import { describeChange } from "../../lib/workflow/history-text";

describe("audit catalogue", () => {
  it("gives every declared action a label, and every claim action its own history sentence", () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(40);
    for (const action of AUDIT_ACTIONS) {
      expect(auditActionLabel(action), action).toBe(AUDIT_ACTION_LABELS[action]);
      expect(AUDIT_ACTION_LABELS[action], action).not.toBe("");
      if (!isClaimAuditAction(action)) continue;
      const sentence = describeChange({ actorName: "Ana", action, at: new Date(), before: null, after: null, meta: null });
      expect(sentence, action).not.toContain(`(${action})`);
    }
    expect(auditActionLabel("something.retired")).toBe("something.retired");
  });

  it("words a re-attachment and a deletion instead of naming their code", () => {
    const reattach = describeChange({
      actorName: "Ana",
      action: "claim.reattach",
      at: new Date(),
      before: { exact: "old words", start: 0, end: 9, anchorState: "orphaned" },
      after: { exact: "rose by 2%", start: 4, end: 14, anchorState: "anchored", revision: 3 },
      meta: null,
    });
    expect(reattach).toBe("Ana re-attached the claim to “rose by 2%” in revision 3");
    const deleted = describeChange({
      actorName: "Ana",
      action: "claim.delete",
      at: new Date(),
      before: { exact: "Spending rose", statement: "Spending rose", articleId: "a" },
      after: null,
      meta: { articleId: "a" },
    });
    expect(deleted).toBe("Ana deleted the claim “Spending rose”");
  });

  it("parses a stored row of the declared shape and names what is wrong with one that is not", () => {
    const row = {
      action: "claim.submit",
      targetType: "claim",
      before: { status: "draft", version: 1 },
      after: { status: "in_review", version: 2 },
      meta: null,
    };
    const ok = parseAuditRow(row);
    expect(ok.ok && ok.event.action === "claim.submit" && ok.event.after.status).toBe("in_review");

    const wrong = parseAuditRow({ ...row, after: { status: "shipped", version: 2 } });
    expect(wrong).toMatchObject({ ok: false, problem: expect.stringContaining("after.status") });
    expect(parseAuditRow({ ...row, targetType: "article" })).toMatchObject({ ok: false });
    expect(parseAuditRow({ ...row, action: "claim.teleport" })).toEqual({ ok: false, problem: "unknown action claim.teleport" });
    // Extra fields in a payload are fine: payloads only ever gain fields.
    expect(parseAuditRow({ ...row, after: { status: "in_review", version: 2, extra: true } }).ok).toBe(true);
    // A field added later is optional, so an older row still parses.
    expect(
      parseAuditRow({
        action: "article.create",
        targetType: "article",
        before: null,
        after: { title: "T", slug: "t", url: null, publisher: null, revision: 1 },
        meta: null,
      }).ok,
    ).toBe(true);
  });

  it("refuses, at compile time, a misspelt action or a payload of the wrong shape", () => {
    const entry = (e: AuditEntry) => e;
    const submitted = { status: "in_review", version: 2 } as const;
    // @ts-expect-error: no such action
    entry({ actorId: null, action: "claim.submitt", targetType: "claim", before: submitted, after: submitted });
    // @ts-expect-error: claim.submit's after is { status, version }
    entry({ actorId: null, action: "claim.submit", targetType: "claim", before: submitted, after: { status: 2 } });
    // @ts-expect-error: a comment event targets a claim
    entry({ actorId: null, action: "comment.add", targetType: "article", after: { commentId: "c", body: "b" } });
    const ok = entry({ actorId: null, action: "comment.add", targetType: "claim", after: { commentId: "c", body: "b" } });
    expect(ok.action).toBe("comment.add");
  });
});
