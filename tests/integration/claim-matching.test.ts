import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, claimMatchLinks, claims } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import type { Actor } from "../../lib/auth/permissions";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { confirmClaimMatch } from "../../lib/matching/confirm-claim-match";
import { findClaimMatches } from "../../lib/matching/find-claim-matches";
import { listRelatedReports } from "../../lib/matching/list-related-reports";
import { getPublishedReport } from "../../lib/reports/get-published-report";
import { publishReport } from "../../lib/reports/publish-report";
import { unpublishReport } from "../../lib/reports/unpublish-report";
import { renderHtml } from "../../lib/reports/render-html";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
let a: Awaited<ReturnType<typeof createActors>>;
const ids = { first: "", second: "", unrelated: "", third: "", fourth: "", one: "", two: "", oneSlug: "", twoSlug: "" };

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

/** Marks `exact`, gives it a verdict, a note and a source, and submits it. */
async function submitted(editor: Actor, articleId: string, exact: string, verdict: "verified" | "false", claimant: string) {
  const created = await createClaim(editor, articleId, { exact, claimant });
  const edited = await updateClaim(editor, created.id, {
    version: created.version,
    verdict,
    rationale: "Checked against NATO figures.",
  });
  const { claim } = await addSource(editor, created.id, {
    url: "https://www.nato.int/x",
    title: "NATO",
    claimVersion: edited.version,
  });
  return submitClaim(editor, claim.id, { version: claim.version });
}

beforeAll(async () => {
  a = await createActors("match");
  const one = await createArticle(a.editor, {
    title: "Defence review",
    body: "UK defence spending is 2.3% of GDP, Keir Starmer said on Monday.\n\nHospital waiting lists fell in March.",
  });
  const first = await submitted(a.editor, one.id, "UK defence spending is 2.3% of GDP", "verified", "Keir Starmer");
  await reviewClaim(a.reviewer, first.id, { version: first.version, decision: "approve" });
  ids.first = first.id;
  ids.one = one.id;
  ids.oneSlug = one.slug;
  ids.unrelated = (await createClaim(a.editor, one.id, { exact: "Hospital waiting lists fell in March" })).id;
  const two = await createArticle(a.editor2, {
    title: "PM interview",
    body: "“We are at 2.3 per cent of GDP on defence spending,” the prime minister told the BBC.\n\nRail fares rose by 4.9% this year.\n\nBus fares rose by 4.9% in the year.",
  });
  ids.two = two.id;
  ids.twoSlug = two.slug;
  ids.second = (
    await createClaim(a.editor2, two.id, { exact: "We are at 2.3 per cent of GDP on defence spending", claimant: "Keir Starmer" })
  ).id;
  ids.third = (await createClaim(a.editor2, two.id, { exact: "Rail fares rose by 4.9% this year" })).id;
  ids.fourth = (await createClaim(a.editor2, two.id, { exact: "Bus fares rose by 4.9% in the year" })).id;
});

describe("claim matching", () => {
  it("shows the earlier approved claim as a match, with verdict, article, approver, score and reasons", async () => {
    const { matches, group } = await findClaimMatches(a.editor, ids.second);
    expect(group).toBeNull();
    const match = matches.find((m) => m.claim.id === ids.first);
    expect(match, JSON.stringify(matches)).toBeDefined();
    expect(match).toMatchObject({
      claim: { verdict: "verified", status: "approved", claimant: "Keir Starmer" },
      article: { title: "Defence review" },
      approvedBy: { id: a.reviewer.id },
      linked: false,
    });
    expect(["same", "possible"]).toContain(match!.tier);
    expect(match!.score).toBeGreaterThanOrEqual(0.4);
    const reasons = match!.reasons.map((r) => r.text).join(" | ");
    expect(reasons).toContain("2.3 % of GDP");
    expect(reasons).toContain("same claimant (keir starmer)");
    // Nothing about hospitals.
    expect(matches.map((m) => m.claim.id)).not.toContain(ids.unrelated);
  });

  it("refuses anonymous callers and bad confirmations", async () => {
    expect((await refusal(findClaimMatches(null, ids.second))).code).toBe("unauthorized");
    expect((await refusal(confirmClaimMatch(null, ids.second, { matchId: ids.first }))).code).toBe("unauthorized");
    expect((await refusal(confirmClaimMatch(a.editor, ids.second, { matchId: ids.second }))).fields).toHaveProperty("matchId");
    expect((await refusal(confirmClaimMatch(a.editor, ids.second, { matchId: "nope" }))).fields).toHaveProperty("matchId");
    const gone = "00000000-0000-4000-8000-000000000000";
    expect((await refusal(confirmClaimMatch(a.editor, ids.second, { matchId: gone }))).code).toBe("validation_failed");
    expect(await db.handle().db.select().from(claimMatchLinks)).toEqual([]);
  });

  it("refuses with 403 a user who may not edit the claim (a reviewer, a read-only token), and changes nothing", async () => {
    const readOnlyToken: Actor = { ...a.editor2, token: { id: "00000000-0000-4000-8000-000000000001", scopes: ["read"] } };
    for (const actor of [a.reviewer, readOnlyToken]) {
      const refused = await refusal(confirmClaimMatch(actor, ids.second, { matchId: ids.first }));
      expect(refused.code).toBe("forbidden");
      expect(refused.status).toBe(403);
    }
    const { db: handle } = db.handle();
    expect(await handle.select().from(claimMatchLinks)).toEqual([]);
    expect(await handle.select().from(auditEvents).where(eq(auditEvents.action, "claim.match_confirm"))).toEqual([]);
    const denied = await handle
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.targetId, ids.second)));
    expect(denied.map((d) => [d.actorId, (d.meta as { permission: string }).permission])).toEqual([
      [a.reviewer.id, "claim:write"],
      [a.editor2.id, "claim:write"],
    ]);
    const { matches } = await findClaimMatches(a.reviewer, ids.second);
    expect(matches.find((m) => m.claim.id === ids.first)?.linked).toBe(false);
  });

  it("confirming links the claims into a group with its verdict history, in the audit log", async () => {
    const group = await confirmClaimMatch(a.editor2, ids.second, { matchId: ids.first });
    expect(group.members.map((m) => m.claimId).sort()).toEqual([ids.first, ids.second].sort());
    expect(group.history).toEqual([
      expect.objectContaining({
        claimId: ids.first,
        verdict: "verified",
        approvedBy: { id: a.reviewer.id, name: a.reviewer.name },
      }),
    ]);
    const { matches } = await findClaimMatches(a.editor, ids.second);
    expect(matches.find((m) => m.claim.id === ids.first)?.linked).toBe(true);
    const audit = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "claim.match_confirm"), eq(auditEvents.targetId, ids.second)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ matchId: ids.first, groupId: group.id });
  });

  it("merges two groups when their claims are confirmed as the same", async () => {
    const small = await confirmClaimMatch(a.editor, ids.third, { matchId: ids.fourth });
    expect(small.members).toHaveLength(2);
    const merged = await confirmClaimMatch(a.editor, ids.second, { matchId: ids.third });
    expect(merged.members.map((m) => m.claimId).sort()).toEqual([ids.first, ids.second, ids.third, ids.fourth].sort());
    const groups = new Set((await db.handle().db.select().from(claimMatchLinks)).map((l) => l.groupId));
    expect(groups.size).toBe(1);
  });

  it("warns a reviewer approving a verdict that differs from the group's, and records the confirmation", async () => {
    const claim = await (async () => {
      const [row] = await db.handle().db.select().from(claims).where(eq(claims.id, ids.second));
      const edited = await updateClaim(a.editor2, ids.second, {
        version: row!.version,
        verdict: "false",
        rationale: "Budget figures say 2.1%.",
      });
      const { claim: withSource } = await addSource(a.editor2, ids.second, {
        url: "https://www.gov.uk/x",
        title: "Budget",
        claimVersion: edited.version,
      });
      return submitClaim(a.editor2, ids.second, { version: withSource.version });
    })();
    const warned = await refusal(reviewClaim(a.reviewer, ids.second, { version: claim.version, decision: "approve" }));
    expect(warned.code).toBe("unprocessable");
    expect(warned.fields).toHaveProperty("confirmVerdictDifference");
    expect(warned.message).toContain("Verified");
    expect(warned.details).toMatchObject({ groupVerdict: { claimId: ids.first, verdict: "verified" } });
    const [still] = await db.handle().db.select().from(claims).where(eq(claims.id, ids.second));
    expect(still).toMatchObject({ status: "in_review", version: claim.version });

    const approved = await reviewClaim(a.reviewer, ids.second, {
      version: claim.version,
      decision: "approve",
      confirmVerdictDifference: true,
    });
    expect(approved.claim).toMatchObject({ status: "approved", verdict: "false" });
    const confirmations = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "claim.verdict_difference_confirmed"), eq(auditEvents.targetId, ids.second)));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({ actorId: a.reviewer.id, after: { verdict: "false", groupVerdict: "verified" } });
    // Requesting changes needs no confirmation.
    const { group } = await findClaimMatches(a.editor, ids.second);
    expect(group!.history.map((h) => h.verdict)).toEqual(["false", "verified"]);
  });

  it("lists the other published reports on the same claim on a public report, from their snapshots only", async () => {
    await publishReport(a.editor, ids.one, { version: 0 });
    await publishReport(a.editor2, ids.two, { version: 0 });
    const two = await getPublishedReport(ids.twoSlug);
    if (two.state !== "published") throw new Error("not published");
    const related = await listRelatedReports(two.data);
    expect(related).toEqual([
      expect.objectContaining({
        title: "Defence review",
        claims: [{ statement: "UK defence spending is 2.3% of GDP", verdict: "verified" }],
      }),
    ]);
    expect(renderHtml({ ...two.data, variant: "public" }, related)).toContain("Related fact-checks");
    // Unpublished reports are not named.
    await unpublishReport(a.editor, ids.one);
    expect(await listRelatedReports(two.data)).toEqual([]);
  });
});
