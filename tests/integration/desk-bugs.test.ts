// Bugs a new user met (issue 9), each checked against a real database.
import { describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import type { Actor } from "../../lib/auth/permissions";
import { authenticate, sessionEndReason } from "../../lib/auth/authenticate";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { updateUser } from "../../lib/users/update-user";
import { env } from "../../lib/env";
import { exportReport } from "../../lib/reports/export-report";
import { getPublicationStatus } from "../../lib/reports/get-publication-status";
import { getPublishedReport } from "../../lib/reports/get-published-report";
import { publishReport } from "../../lib/reports/publish-report";
import { unpublishReport } from "../../lib/reports/unpublish-report";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors, TEST_PASSWORD } from "../support/fixtures";

useTestDatabase();

const BODY = "The town council said the budget rose by 12 percent last year.\n\nPriya Sharma said 40 homes were built.";

describe("claimant type", () => {
  it("defaults to what the claimant looks like, and keeps a type someone chose", async () => {
    const { editor } = await createActors("ctype");
    const article = await createArticle(editor, { title: "Council budget", body: BODY });
    const council = await createClaim(editor, article.id, {
      exact: "the budget rose by 12 percent",
      claimant: "the town council",
    });
    expect(council.claimantType).toBe("Organization");
    const person = await createClaim(editor, article.id, { exact: "40 homes were built", claimant: "Priya Sharma" });
    expect(person.claimantType).toBe("Person");

    // Changing only the name follows the name while the type was the guess...
    const renamed = await updateClaim(editor, person.id, { version: person.version, claimant: "Kent County Council" });
    expect(renamed.claimantType).toBe("Organization");
    // ...but a type chosen against the guess stays when the name changes.
    const chosen = await updateClaim(editor, renamed.id, { version: renamed.version, claimantType: "Person" });
    const renamedAgain = await updateClaim(editor, chosen.id, {
      version: chosen.version,
      claimant: "Kent County Council leader",
    });
    expect(renamedAgain.claimantType).toBe("Person");
  });
});

/** An approved claim on a fresh article: what a report needs. */
async function approvedClaim(
  editor: Actor,
  reviewer: Actor,
  prefix: string,
  body = BODY,
  exact = "the budget rose by 12 percent",
) {
  const article = await createArticle(editor, { title: `${prefix} ${Date.now()}`, body });
  let c = await createClaim(editor, article.id, { exact, claimant: "the town council" });
  c = await updateClaim(editor, c.id, { version: c.version, verdict: "verified", rationale: "Checked the accounts." });
  c = (
    await addSource(editor, c.id, {
      url: "https://council.example/budget",
      title: "Budget",
      kind: "primary",
      claimVersion: c.version,
    })
  ).claim;
  const submitted = await submitClaim(editor, c.id, { version: c.version });
  const approved = (await reviewClaim(reviewer, c.id, { version: submitted.version, decision: "approve" })).claim;
  return { article, claim: approved };
}

describe("public links", () => {
  it("name the host the request came to when PUBLIC_BASE_URL and ORG_URL are unset", async () => {
    // The integration suite runs without either variable, as `npm run demo` does.
    expect(env.PUBLIC_BASE_URL).toBeUndefined();
    expect(env.ORG_URL).toBeUndefined();
    const { editor, reviewer } = await createActors("links");
    const { article } = await approvedClaim(editor, reviewer, "Links");
    const origin = "http://127.0.0.1:4310";
    const base = `${origin}/reports/${article.slug}`;

    const md = String((await exportReport(editor, article.id, "report.md", "public", { origin })).body);
    expect(md).toContain(base);
    const html = String((await exportReport(editor, article.id, "report.html", "public", { origin })).body);
    expect(html).toContain(`href="${base}"`);
    const pdf = (await exportReport(editor, article.id, "report.pdf", "public", { origin })).body as Buffer;
    expect(pdf.toString("latin1")).toContain(base);
    const jsonld = JSON.parse(String((await exportReport(editor, article.id, "report.jsonld", "public", { origin })).body));
    const review = Array.isArray(jsonld) ? jsonld[0] : (jsonld["@graph"]?.[0] ?? jsonld);
    expect(review.url).toMatch(new RegExp(`^${base}#claim-`));
    expect(review.author.url).toBe(origin);
    for (const body of [md, html, JSON.stringify(jsonld)]) expect(body).not.toContain("localhost:3000");

    const published = await publishReport(editor, article.id, { version: 0 }, { origin });
    expect(published.url).toBe(base);
    expect((await getPublicationStatus(editor, article.id, { origin })).url).toBe(base);
  });
});

describe("export file names", () => {
  it("say internal once", async () => {
    const { editor, reviewer } = await createActors("fname");
    const { article } = await approvedClaim(editor, reviewer, "Names");
    const file = await exportReport(editor, article.id, "report.md", "internal");
    expect(file.fileName).toMatch(/-fact-check-internal\.md$/);
    expect(file.fileName).not.toContain("internal-internal");
  });
});

describe("unpublish and republish", () => {
  it("keeps every earlier version readable by ?version=N once the report is live again", async () => {
    const { editor, reviewer } = await createActors("repub");
    const { article } = await approvedClaim(editor, reviewer, "Repub");
    await publishReport(editor, article.id, { version: 0 });
    await publishReport(editor, article.id, { version: 1 });
    await unpublishReport(editor, article.id);
    expect((await getPublishedReport(article.slug)).state).toBe("gone");
    expect((await getPublishedReport(article.slug, 1)).state).toBe("gone");
    await publishReport(editor, article.id, { version: 2 });
    const latest = await getPublishedReport(article.slug);
    expect(latest.state === "published" && latest.version).toBe(3);
    const first = await getPublishedReport(article.slug, 1);
    expect(first.state === "published" && first.version).toBe(1);
    expect(latest.state === "published" && latest.versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });
});

describe("report excerpts", () => {
  it("start and end on whole words, with an ellipsis where the article goes on", async () => {
    const { editor, reviewer } = await createActors("excerpt");
    // Words of many lengths: a cut inside one leaves a fragment that is not in the list.
    const words = ["alpha", "bo", "charlie", "delta", "echoes", "foxtrot", "golf", "hotel", "india", "juliet", "kilo"];
    const filler = (n: number) => Array.from({ length: n }, (_, i) => words[(i * 7) % words.length]).join(" ");
    const body = `${filler(41)} the budget rose by 12 percent ${filler(43)}.`;
    const { article } = await approvedClaim(editor, reviewer, "Excerpt", body);
    const md = String((await exportReport(editor, article.id, "report.md", "public")).body);
    const quote = md.split("\n").find((line) => line.startsWith("> ") && line.includes("**the budget rose by 12 percent**"));
    const [, before, after] = /^> (.*)\*\*the budget rose by 12 percent\*\*(.*)$/.exec(quote ?? "") ?? [];
    expect(before).toMatch(/^…\S/);
    expect(after).toMatch(/…$/);
    for (const token of `${before!.slice(1)} ${after!.slice(0, -1)}`.split(/\s+/).filter(Boolean)) expect(words).toContain(token);
  });
});

describe("the internal report of an orphaned claim", () => {
  it("says the claim's text is gone, and quotes nothing from the old revision", async () => {
    const { editor } = await createActors("orphan");
    const body =
      "Opening line about the harbour.\n\nThe mayor said 40 homes were built in the old dockyard last year.\n\nClosing line.";
    const article = await createArticle(editor, { title: `Orphan ${Date.now()}`, body });
    // A statement of its own: the suggestion's would quote the clause ("… in the old dockyard …").
    const claim = await createClaim(editor, article.id, { exact: "40 homes were built", statement: "40 homes were built" });
    const revised = await createRevision(editor, article.id, { body: "Opening line about the harbour.\n\nClosing line." });
    expect(revised.claims.find((c) => c.id === claim.id)?.anchorState).toBe("orphaned");
    for (const format of ["report.md", "report.html"]) {
      const text = String((await exportReport(editor, article.id, format, "internal")).body);
      expect(text).toMatch(/no longer (found )?in the article/i);
      expect(text).not.toContain("old dockyard");
    }
  });
});

describe("re-approving a claim whose text changed", () => {
  it("takes the approved text as the claim's text, so 'Text changed' goes away and stays away", async () => {
    const { editor, reviewer } = await createActors("reapprove");
    const { article, claim } = await approvedClaim(editor, reviewer, "Reapprove");
    const revised = await createRevision(editor, article.id, { body: BODY.replace("12 percent", "14 percent") });
    expect(revised.claims.find((c) => c.id === claim.id)).toMatchObject({ anchorState: "changed", backToReview: true });
    const changed = await getClaim(editor, claim.id);
    // The figure under the claim changed (12 → 14 percent): the reviewer confirms the figure warnings first.
    const refused = await reviewClaim(reviewer, claim.id, { version: changed.version, decision: "approve" }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    const warnings = (refused as AppError).details?.figureWarnings as { key: string; kind: string }[];
    expect(warnings.map((w) => w.kind)).toContain("text-changed");
    const approved = (
      await reviewClaim(reviewer, claim.id, {
        version: changed.version,
        decision: "approve",
        confirmFigureWarnings: warnings.map((w) => w.key),
      })
    ).claim;
    expect(approved).toMatchObject({ anchorState: "anchored", anchorText: null, exact: "the budget rose by 14 percent" });
    // A later, unrelated correction leaves it alone.
    const again = await createRevision(editor, article.id, {
      body: `${BODY.replace("12 percent", "14 percent")}\n\nA new closing line.`,
    });
    expect(again.claims.find((c) => c.id === claim.id)).toMatchObject({ anchorState: "anchored", backToReview: false });
    expect((await getClaim(editor, claim.id)).status).toBe("approved");
  });
});

describe("resubmitting after changes were requested", () => {
  it("is refused (422) until something changed, and offered again once it has", async () => {
    const { editor, reviewer } = await createActors("resubmit");
    const article = await createArticle(editor, { title: `Resubmit ${Date.now()}`, body: BODY });
    let c = await createClaim(editor, article.id, { exact: "40 homes were built", claimant: "Priya Sharma" });
    c = await updateClaim(editor, c.id, { version: c.version, verdict: "false", rationale: "Only 12 were." });
    c = (
      await addSource(editor, c.id, {
        url: "https://council.example/homes",
        title: "Homes",
        kind: "primary",
        claimVersion: c.version,
      })
    ).claim;
    c = await submitClaim(editor, c.id, { version: c.version });
    c = (await reviewClaim(reviewer, c.id, { version: c.version, decision: "request_changes", reason: "Cite the register." }))
      .claim;
    expect(c).toMatchObject({ status: "changes_requested", changedSinceRequest: false });
    const err = await submitClaim(editor, c.id, { version: c.version }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unprocessable");
    expect((err as AppError).message).toMatch(/nothing has changed/i);
    expect((await getClaim(editor, c.id)).status).toBe("changes_requested");

    c = (
      await addSource(editor, c.id, {
        url: "https://council.example/register",
        title: "Register",
        kind: "primary",
        claimVersion: c.version,
      })
    ).claim;
    expect(c.changedSinceRequest).toBe(true);
    expect((await submitClaim(editor, c.id, { version: c.version })).status).toBe("in_review");
  });
});

describe("a disabled account", () => {
  it("is told apart from a wrong password once the password is right, and ends sessions with a reason", async () => {
    const { admin, reviewer } = await createActors("disabled");
    expect(await sessionEndReason(reviewer.id)).toBeNull();
    await updateUser(admin, { userId: reviewer.id, disabled: true });
    expect(await authenticate({ email: reviewer.email, password: TEST_PASSWORD })).toEqual({ ok: false, reason: "disabled" });
    expect(await authenticate({ email: reviewer.email, password: "not the password" })).toEqual({ ok: false, reason: "invalid" });
    expect(await sessionEndReason(reviewer.id)).toBe("disabled");
  });
});
