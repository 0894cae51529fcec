import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { listAuditEvents } from "../../lib/audit/list-audit";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { updateClaim } from "../../lib/claims/update-claim";
import { getDb } from "../../lib/database";
import { assignClaim } from "../../lib/workflow/assign-claim";
import { getClaimHistory } from "../../lib/workflow/claim-history";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

useTestDatabase();
let a: Awaited<ReturnType<typeof createActors>>;
let claimId = "";

beforeAll(async () => {
  a = await createActors("auditcat");
  const article = await createArticle(a.editor, { title: "Canal report", body: "The canal carried 2m tonnes in 2024." });
  const claim = await createClaim(a.editor, article.id, { exact: "The canal carried 2m tonnes in 2024" });
  claimId = claim.id;
  await updateClaim(a.editor, claim.id, { version: claim.version, verdict: "false", rationale: "Port data." });
  await assignClaim(a.reviewer, claim.id, { reviewerId: a.reviewer2.id });
});

/** Rows as an older (or broken) release could have left them: the table only takes inserts. */
async function insertStrayRows() {
  const db = await getDb();
  await db.insert(auditEvents).values([
    {
      actorId: a.editor.id,
      action: "claim.submit",
      targetType: "claim",
      targetId: claimId,
      before: { status: "draft", version: 2 },
      after: { status: "shipped", version: 3 },
    },
    { actorId: a.editor.id, action: "claim.teleport", targetType: "claim", targetId: claimId, after: { to: "moon" } },
  ]);
}

describe("audit rows read against the catalogue", () => {
  it("finds nothing wrong with the rows the use cases wrote", async () => {
    const { items } = await listAuditEvents(a.admin, { limit: 200 });
    expect(items.length).toBeGreaterThan(5);
    expect(items.filter((e) => e.problem !== null)).toEqual([]);
    const history = await getClaimHistory(a.editor, claimId);
    expect(history.items.map((i) => i.action)).toEqual(["claim.create", "claim.update", "claim.assign"]);
    expect(history.items.every((i) => i.problem === null)).toBe(true);
  });

  it("lists a row that does not match, marked with what is wrong, in the log and the history alike", async () => {
    await insertStrayRows();
    const { items } = await listAuditEvents(a.admin, { target: claimId, limit: 200 });
    const wrong = items.find((e) => e.action === "claim.submit" && e.problem !== null)!;
    expect(wrong.problem).toMatch(/^after\.status: /);
    expect(wrong.after).toEqual({ status: "shipped", version: 3 });
    const unknown = items.find((e) => e.action === "claim.teleport")!;
    expect(unknown.problem).toBe("unknown action claim.teleport");

    const history = await getClaimHistory(a.editor, claimId);
    expect(history.items.map((i) => i.action)).toEqual([
      "claim.create",
      "claim.update",
      "claim.assign",
      "claim.submit",
      "claim.teleport",
    ]);
    const [stray, teleport] = history.items.slice(-2);
    expect(stray).toMatchObject({ problem: expect.stringMatching(/^after\.status: /) });
    expect(stray!.text).toMatch(/submitted the claim for review/);
    expect(teleport).toMatchObject({ problem: "unknown action claim.teleport" });
    expect(teleport!.text).toMatch(/made a change \(claim\.teleport\)/);
  });
});

describe("the claim view", () => {
  it("carries its creator's and assigned reviewer's names", async () => {
    const claim = await getClaim(a.reviewer, claimId);
    expect(claim).toMatchObject({
      createdBy: a.editor.id,
      createdByName: a.editor.name,
      assignedReviewerId: a.reviewer2.id,
      assignedReviewerName: a.reviewer2.name,
    });
    const unassigned = await assignClaim(a.reviewer, claimId, { reviewerId: null });
    expect(unassigned).toMatchObject({ assignedReviewerId: null, assignedReviewerName: null, createdByName: a.editor.name });
  });
});
