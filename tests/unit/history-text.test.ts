import { describe, expect, it } from "vitest";
import { type HistoryRecord, describeChange, formatWhen, historyText } from "../../lib/workflow/history-text";

const AT = "2025-03-14T14:02:31.000Z";
const NOW = new Date("2025-03-14T18:00:00.000Z");

const row = (action: string, parts: Partial<HistoryRecord> = {}): HistoryRecord => ({
  actorName: "Ana",
  action,
  at: AT,
  before: null,
  after: null,
  meta: null,
  ...parts,
});

describe("history sentences", () => {
  it("reads a verdict change with its time", () => {
    const text = historyText(row("claim.update", { before: { verdict: "disputed" }, after: { verdict: "false" } }), { now: NOW });
    expect(text).toBe("Ana changed the verdict from Disputed to False, 14:02");
  });

  it("joins several field changes and says when an edit reopened review", () => {
    expect(
      describeChange(
        row("claim.update", {
          before: { verdict: "verified", claimant: null, rationale: "Old note" },
          after: { verdict: "needs_context", claimant: "The minister", rationale: "" },
          meta: { version: 5, backToReview: true },
        }),
      ),
    ).toBe(
      'Ana changed the verdict from Verified to Needs context, set the claimant to “The minister” and cleared the "how we checked" note (was “Old note”), which sent it back to review',
    );
  });

  it("describes creation, sources, workflow and comments", () => {
    expect(describeChange(row("claim.create", { after: { exact: "Spending rose by 2%" } }))).toBe(
      "Ana marked the claim “Spending rose by 2%”",
    );
    expect(describeChange(row("source.add", { after: { sourceId: "s", title: "Eurostat table", internal: true } }))).toBe(
      "Ana added the source “Eurostat table” (internal)",
    );
    expect(
      describeChange(row("source.update", { before: { sourceId: "s", title: "A" }, after: { sourceId: "s", title: "B" } })),
    ).toBe("Ana edited a source: changed the title from “A” to “B”");
    expect(describeChange(row("source.remove", { before: { sourceId: "s", title: "Blog post" } }))).toBe(
      "Ana removed the source “Blog post”",
    );
    expect(describeChange(row("claim.submit"))).toBe("Ana submitted the claim for review");
    expect(describeChange(row("claim.withdraw"))).toBe("Ana withdrew the claim from review");
    expect(describeChange(row("claim.approve", { actorName: "Ben", after: { status: "approved", verdict: "false" } }))).toBe(
      "Ben approved the claim with the verdict False",
    );
    expect(describeChange(row("claim.request_changes", { actorName: "Ben", after: { reason: "Cite the 2024 figures." } }))).toBe(
      "Ben requested changes: “Cite the 2024 figures.”",
    );
    expect(describeChange(row("comment.add", { after: { commentId: "c", body: "Is the base year right?" } }))).toBe(
      "Ana commented: “Is the base year right?”",
    );
    expect(describeChange(row("comment.edit", { before: { body: "teh" }, after: { body: "the" } }))).toBe(
      "Ana edited a comment from “teh” to “the”",
    );
  });

  it("describes assignments relative to the actor", () => {
    const ben = { actorId: "u-ben", actorName: "Ben" };
    expect(
      describeChange(
        row("claim.assign", { ...ben, before: { reviewerId: null }, after: { reviewerId: "u-carla", reviewerName: "Carla" } }),
      ),
    ).toBe("Ben assigned the claim to Carla");
    expect(
      describeChange(
        row("claim.assign", {
          ...ben,
          before: { reviewerId: "u-carla", reviewerName: "Carla" },
          after: { reviewerId: "u-ben", reviewerName: "Ben" },
        }),
      ),
    ).toBe("Ben took the claim for review");
    expect(
      describeChange(
        row("claim.assign", {
          ...ben,
          before: { reviewerId: "u-carla", reviewerName: "Carla" },
          after: { reviewerId: null, reviewerName: null },
        }),
      ),
    ).toBe("Ben removed the assigned reviewer (was Carla)");
  });

  it("describes re-anchoring after a revision", () => {
    const base = { before: { anchorState: "anchored", revision: 1 } };
    expect(describeChange(row("claim.reanchor", { ...base, after: { anchorState: "relocated", revision: 2 } }))).toBe(
      "Ana saved revision 2: Relocated: the claim's text was found at another place in the article",
    );
    expect(
      describeChange(
        row("claim.reanchor", {
          ...base,
          after: { anchorState: "changed", revision: 3, text: "rose by 3%" },
          meta: { backToReview: true },
        }),
      ),
    ).toBe("Ana saved revision 3: Text changed: the text under the claim now reads “rose by 3%”; the claim went back to review");
    expect(describeChange(row("claim.reanchor", { ...base, after: { anchorState: "orphaned", revision: 4 } }))).toBe(
      "Ana saved revision 4: Orphaned: the claim's text was not found",
    );
    expect(
      describeChange(
        row("claim.reanchor", { before: { anchorState: "orphaned" }, after: { anchorState: "anchored", revision: 5 } }),
      ),
    ).toBe("Ana saved revision 5: Anchored: the claim's text was found again");
    // A paragraph inserted above: the revision summary says "Anchored", and so does the history.
    expect(
      describeChange(
        row("claim.reanchor", {
          before: { anchorState: "anchored", start: 10 },
          after: { anchorState: "anchored", start: 60, revision: 6 },
        }),
      ),
    ).toBe("Ana saved revision 6: Anchored: the claim's text is unchanged; text before it changed");
  });

  it("cuts long quotes by code points and keeps them on one line", () => {
    const long = `${"😀".repeat(100)}\n tail`;
    const text = describeChange(row("comment.add", { after: { body: long } }));
    expect(text).toBe(`Ana commented: “${"😀".repeat(79)}…”`);
    expect(describeChange(row("comment.add", { after: { body: "line one\n\nline two" } }))).toBe(
      "Ana commented: “line one line two”",
    );
  });

  it("never throws on odd rows", () => {
    expect(describeChange(row("claim.update", { before: "x", after: [1, 2] }))).toBe("Ana edited the claim");
    expect(describeChange(row("something.new", { actorName: null }))).toBe("The system made a change (something.new)");
    expect(describeChange(row("claim.create", { after: { exact: 42 } }))).toBe("Ana marked the claim “42”");
    expect(describeChange(row("source.remove"))).toBe("Ana removed the source “…”");
    expect(describeChange(row("claim.update", { after: { __proto__: { verdict: "false" } } as never }))).toBe(
      "Ana edited the claim",
    );
  });
});

describe("history times", () => {
  it("shows the time alone the same day, in the reader's zone", () => {
    expect(formatWhen(AT, { now: NOW })).toBe("14:02");
    expect(formatWhen(AT, { now: NOW, timeZone: "Europe/Lisbon" })).toBe("14:02");
    // In Tokyo "now" is already 15 March (03:00), so the 14th needs its date and the 15th does not.
    expect(formatWhen(AT, { now: NOW, timeZone: "Asia/Tokyo" })).toBe("14 Mar, 23:02");
    expect(formatWhen("2025-03-14T23:30:00Z", { now: NOW, timeZone: "Asia/Tokyo" })).toBe("08:30");
  });

  it("adds the day earlier in the year and the year before that", () => {
    expect(formatWhen("2025-01-03T09:05:00Z", { now: NOW })).toBe("3 Jan, 09:05");
    expect(formatWhen("2024-12-31T23:59:00Z", { now: NOW })).toBe("31 Dec 2024, 23:59");
    expect(formatWhen(AT)).toBe("14 Mar 2025, 14:02");
    expect(formatWhen("not a date")).toBe("at an unknown time");
  });
});
