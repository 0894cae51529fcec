import { describe, expect, it } from "vitest";
import { describeChange } from "../../lib/workflow/history-text";

const update = (before: string, after: string) =>
  describeChange({
    actorName: "Ana",
    action: "claim.update",
    at: "2025-03-14T14:02:31.000Z",
    before: { rationale: before },
    after: { rationale: after },
    meta: null,
  });

describe("a change at the end of a long note (issue 9, bug 6)", () => {
  it("shows the changed words with a little context, never two identical quotes", () => {
    const long = "We compared the figure with the Office for National Statistics series and the council's own accounts. ".repeat(
      3,
    );
    const text = update(`${long}The gap is 2.3 per cent.`, `${long}The gap is 2.5 per cent.`);
    const [, from, to] = /from “(.*)” to “(.*)”$/.exec(text) ?? [];
    expect(from).toBeDefined();
    expect(from).not.toBe(to);
    expect(from).toMatch(/^….*The gap is 2\.3 per cent\.$/);
    expect(to).toMatch(/^….*The gap is 2\.5 per cent\.$/);
  });

  it("shows the change in the middle with an ellipsis either side", () => {
    const head = "First we read the report. ".repeat(6);
    const tail = " Then we asked the ministry. ".repeat(6);
    const text = update(`${head}It says 40 homes.${tail}`, `${head}It says 12 homes.${tail}`);
    expect(text).toMatch(/from “….*It says 40 homes\..*…” to “….*It says 12 homes\..*…”$/);
  });

  it("keeps short values whole", () => {
    expect(update("Old note", "New note")).toBe('Ana changed the "how we checked" note from “Old note” to “New note”');
  });
});
