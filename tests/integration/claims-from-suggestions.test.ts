import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { listSuggestions } from "../../lib/articles/list-suggestions";
import { getArticle } from "../../lib/articles/read-articles";
import { updateArticle } from "../../lib/articles/update-article";
import { createClaim } from "../../lib/claims/create-claim";
import type { Suggestion } from "../../lib/suggestions/suggest-claims";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();

const TITLE = "Ferry crossings to double by 2030, council says";
const BODY = [
  TITLE,
  "Northbridge Council approved the ferry plan on Tuesday after a two-hour debate.",
  "Councillor Ada Price said the new ferry would carry 2,300 passengers a day by 2030, up from 1,100 today.",
  "The ferry will cost £14m, the council said.",
  "The old pier closed in 2019.",
].join("\n\n");

const cps = (s: string) => Array.from(s).length;
/** Code-point range of `needle` inside the body (first occurrence). */
function rangeOf(body: string, needle: string): { start: number; end: number } {
  const at = body.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in the body`);
  return { start: cps(body.slice(0, at)), end: cps(body.slice(0, at)) + cps(needle) };
}

function one(suggestions: readonly Suggestion[], needle: string): Suggestion {
  const hits = suggestions.filter((s) => s.exact.includes(needle));
  expect(hits, needle).toHaveLength(1);
  return hits[0]!;
}

describe("a claim marked inside a suggested clause keeps the suggestion's claimant and context", () => {
  it("by hand, in part or whole, by offsets or by quote: the server takes claimant, type and statement from the suggestion", async () => {
    const { editor } = await createActors("from-sugg");
    const a = await createArticle(editor, { title: TITLE, body: BODY });
    const suggestions = await listSuggestions(editor, a.id);
    // The headline is the page's furniture, not a claim.
    expect(suggestions.map((s) => s.exact).some((e) => e.includes("double by 2030"))).toBe(false);
    const ferry = one(suggestions, "2,300 passengers");
    expect([ferry.claimant, ferry.claimantType]).toEqual(["Ada Price", "Person"]);

    // Part of the clause, marked by hand with the mouse (offsets only, as the article page sends).
    const part = await createClaim(editor, a.id, rangeOf(BODY, "2,300 passengers a day"));
    expect(part.exact).toBe("2,300 passengers a day");
    expect([part.claimant, part.claimantType]).toEqual(["Ada Price", "Person"]);
    // The context: the clause's proposed statement, not the bare fragment.
    expect(part.statement).toBe(ferry.statement);
    expect(part.statement).toBe("The new ferry would carry 2,300 passengers a day by 2030");

    // The same through the API's quote form.
    const byQuote = await createClaim(editor, a.id, { exact: "by 2030", prefix: "passengers a day " });
    expect([byQuote.claimant, byQuote.statement]).toEqual(["Ada Price", ferry.statement]);

    // The whole clause, as accepting the suggestion marks it.
    const whole = await createClaim(editor, a.id, { start: ferry.start, end: ferry.end });
    expect([whole.exact, whole.claimant, whole.claimantType, whole.statement]).toEqual([
      ferry.exact,
      "Ada Price",
      "Person",
      ferry.statement,
    ]);

    // An organisation's clause keeps its type; the audit row says where the fields came from.
    const cost = await createClaim(editor, a.id, rangeOf(BODY, "£14m"));
    expect([cost.claimant, cost.claimantType, cost.statement]).toEqual([
      "Northbridge Council",
      "Organization",
      "The ferry will cost £14m",
    ]);
    const [audit] = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "claim.create"), eq(auditEvents.targetId, cost.id)));
    expect(audit).toMatchObject({
      meta: { articleId: a.id, fromSuggestion: true },
      after: { claimant: "Northbridge Council", statement: "The ferry will cost £14m" },
    });
  });

  it("what the editor sends wins; a selection not inside one clause takes nothing", async () => {
    const { editor } = await createActors("from-sugg-own");
    const a = await createArticle(editor, { title: TITLE, body: BODY });

    const own = await createClaim(editor, a.id, {
      ...rangeOf(BODY, "2,300 passengers"),
      claimant: "Northbridge Council",
      statement: "The ferry will carry 2,300 passengers a day",
    });
    expect([own.claimant, own.claimantType, own.statement]).toEqual([
      "Northbridge Council",
      "Organization",
      "The ferry will carry 2,300 passengers a day",
    ]);
    // An explicit empty claimant means the reporter: the suggestion's claimant is not put back.
    const reporter = await createClaim(editor, a.id, { ...rangeOf(BODY, "1,100 today"), claimant: "" });
    expect([reporter.claimant, reporter.statement]).toEqual([null, "Up from 1,100 today"]);

    // Across the clause's edge, in no clause at all, in the headline: the marked text only.
    const across = await createClaim(editor, a.id, rangeOf(BODY, "Councillor Ada Price said the new ferry"));
    expect([across.claimant, across.statement]).toEqual([null, "Councillor Ada Price said the new ferry"]);
    const pier = await createClaim(editor, a.id, rangeOf(BODY, "The old pier closed in 2019"));
    expect([pier.claimant, pier.statement]).toEqual([null, "The old pier closed in 2019"]);
    const headline = await createClaim(editor, a.id, rangeOf(BODY, "Ferry crossings to double"));
    expect([headline.claimant, headline.statement]).toEqual([null, "Ferry crossings to double"]);

    const [audit] = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "claim.create"), eq(auditEvents.targetId, pier.id)));
    expect(audit!.meta).toEqual({ articleId: a.id });
  });

  it("follows the article's title: a first line that ends like a sentence is the headline only while it is the title", async () => {
    const { editor } = await createActors("from-sugg-title");
    const headline = "The new ferry cost £14m and carries 2,300 passengers a day.";
    const body = `${headline}\n\nNorthbridge Council approved the ferry plan on Tuesday.\n\nThe old pier closed in 2019.`;
    const a = await createArticle(editor, { title: headline, body });
    expect(await listSuggestions(editor, a.id)).toEqual([]);
    // Marking inside the headline takes nothing from a suggestion: the statement is the marked text.
    expect((await createClaim(editor, a.id, rangeOf(body, "£14m"))).statement).toBe("£14m");

    await updateArticle(editor, a.id, { title: "Ferry plan approved", version: (await getArticle(editor, a.id)).version });
    // Now the first line is the story's own: marked inside, it takes the suggestion's statement.
    const c = await createClaim(editor, a.id, rangeOf(body, "2,300 passengers"));
    expect(c.statement).toBe("The new ferry cost £14m and carries 2,300 passengers a day");
  });

  it("follows the current revision, not what a client saw before a correction", async () => {
    const { editor } = await createActors("from-sugg-rev");
    const a = await createArticle(editor, { title: TITLE, body: BODY });
    const corrected = BODY.replace("Councillor Ada Price said", "Council leader Tom Reyes said");
    await createRevision(editor, a.id, { body: corrected });
    const c = await createClaim(editor, a.id, rangeOf(corrected, "2,300 passengers a day"));
    expect([c.claimant, c.claimantType]).toEqual(["Tom Reyes", "Person"]);
  });
});
