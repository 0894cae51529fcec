import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, suggestionDismissals } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { dismissSuggestion } from "../../lib/articles/dismiss-suggestion";
import { listSuggestions } from "../../lib/articles/list-suggestions";
import { createClaim } from "../../lib/claims/create-claim";
import { AppError } from "../../lib/errors";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe("suggestions: marked and dismissed clauses are not suggested again", () => {
  it("dismisses a suggestion for this article only, audited, idempotent, and through a correction", async () => {
    const { editor, editor2, reviewer } = await createActors("dismiss");
    const a = await createArticle(editor, { title: "Dismissals", body: SAMPLE });
    const other = await createArticle(editor, { title: "Dismissals elsewhere", body: SAMPLE });
    const before = await listSuggestions(editor, a.id);
    const troops = before.find((s) => s.exact.includes("10,000 North Korea troops"))!;
    expect(troops).toBeDefined();

    // A reviewer may read suggestions but not dismiss them; nothing is stored.
    expect((await refusal(dismissSuggestion(reviewer, a.id, { start: troops.start, end: troops.end }))).code).toBe("forbidden");
    // Bad input: a field-level error, nothing stored.
    const bad = await refusal(dismissSuggestion(editor, a.id, { start: troops.start, end: troops.start }));
    expect(bad.code).toBe("validation_failed");
    expect(bad.fields).toHaveProperty("end");
    expect((await refusal(dismissSuggestion(editor, a.id, { start: "x" }))).fields).toHaveProperty("start");
    expect(await db.handle().db.select().from(suggestionDismissals).where(eq(suggestionDismissals.articleId, a.id))).toEqual([]);

    const first = await dismissSuggestion(editor, a.id, { start: troops.start, end: troops.end });
    expect(first).toEqual({ articleId: a.id, exact: troops.exact, created: true });
    // A second editor dismissing the same clause changes nothing.
    expect((await dismissSuggestion(editor2, a.id, { start: troops.start, end: troops.end })).created).toBe(false);
    const audits = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "suggestion.dismiss"), eq(auditEvents.targetId, a.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: editor.id, after: { exact: troops.exact } });

    const after = await listSuggestions(editor, a.id);
    expect(after.map((s) => s.exact)).not.toContain(troops.exact);
    expect(after).toHaveLength(before.length - 1);
    // Other articles keep their suggestions.
    expect((await listSuggestions(editor, other.id)).map((s) => s.exact)).toContain(troops.exact);

    // A correction that moves the clause does not bring it back.
    await createRevision(editor, a.id, { body: `Updated on Tuesday.\n\n${SAMPLE}` });
    expect((await listSuggestions(editor, a.id)).map((s) => s.exact)).not.toContain(troops.exact);
  });

  it("does not suggest a clause that is already marked as a claim", async () => {
    const { editor } = await createActors("marked");
    const a = await createArticle(editor, { title: "Marked", body: SAMPLE });
    const lammy = (await listSuggestions(editor, a.id)).find((s) => s.exact.includes("2.3 per cent"))!;
    expect(lammy.claimant).toBe("David Lammy");
    // Marking by hand inside the clause is enough.
    await createClaim(editor, a.id, { start: lammy.start + 3, end: lammy.end - 2 });
    expect((await listSuggestions(editor, a.id)).some((s) => s.exact.includes("2.3 per cent"))).toBe(false);
  });
});
