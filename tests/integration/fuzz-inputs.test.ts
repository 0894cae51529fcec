import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { createUser } from "../../lib/users/create-user";
import { addComment } from "../../lib/workflow/add-comment";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

useTestDatabase();

/** Hostile values: Unicode, NUL, lone surrogates, huge strings, prototype keys, wrong types. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\udfff x",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "__proto__",
    "constructor",
    "",
    " ",
    "9".repeat(400),
  ),
  fc.constant("x".repeat(1_048_576)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

const hostileObject = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      "title",
      "body",
      "format",
      "url",
      "publisher",
      "publishedAt",
      "exact",
      "prefix",
      "start",
      "end",
      "version",
      "verdict",
      "statement",
      "rationale",
      "claimant",
      "claimDate",
      "email",
      "name",
      "role",
      "password",
      "decision",
      "reason",
      "kind",
      "internal",
      "quote",
      "accessedAt",
      "__proto__",
      "constructor",
      "status",
    ),
    nasty,
    { maxKeys: 8 },
  ),
  nasty,
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "title": "x"}')),
);

async function onlyClearRefusals(call: (input: unknown) => Promise<unknown>, runs = 60) {
  await fc.assert(
    fc.asyncProperty(hostileObject, async (input) => {
      try {
        await call(input);
      } catch (err) {
        // Bad input is a 4xx with a message, never a 500 (no database error, no TypeError).
        if (!(err instanceof AppError)) throw err;
        expect(err.status).toBeGreaterThanOrEqual(400);
        expect(err.status).toBeLessThan(500);
      }
    }),
    { numRuns: runs },
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe("fuzzed input to every write use case", () => {
  it("answers 4xx, never 500", async () => {
    const { editor, reviewer, admin } = await createActors("fuzz");
    const article = await createArticle(editor, {
      title: "Fuzz",
      body: "The bridge cost £3.4bn in 2019.\n\nIt rose by 12% since.",
    });
    const claim = await createClaim(editor, article.id, { exact: "The bridge cost £3.4bn" });
    await onlyClearRefusals((i) => createArticle(editor, i as never), 40);
    await onlyClearRefusals((i) => createRevision(editor, article.id, i as never), 40);
    await onlyClearRefusals((i) => createClaim(editor, article.id, i as never));
    await onlyClearRefusals((i) => updateClaim(editor, claim.id, i as never));
    await onlyClearRefusals((i) => addSource(editor, claim.id, i as never));
    await onlyClearRefusals((i) => addComment(reviewer, claim.id, i as never));
    await onlyClearRefusals((i) => reviewClaim(reviewer, claim.id, i as never));
    await onlyClearRefusals((i) => createUser(admin, i as never), 30);
  }, 240_000);

  it("refuses NUL and lone surrogates in free text with a field error (PostgreSQL would reject or alter them)", async () => {
    const { editor, reviewer } = await createActors("nul");
    const article = await createArticle(editor, { title: "NUL", body: "Inflation fell to 2.1% in May." });
    const claim = await createClaim(editor, article.id, { exact: "Inflation fell to 2.1%" });
    for (const bad of ["a\u0000b", "lone \ud800 surrogate", "x\udc00"]) {
      const e1 = await updateClaim(editor, claim.id, { version: claim.version, rationale: bad }).catch((e) => e);
      expect(e1).toBeInstanceOf(AppError);
      expect(e1.fields).toHaveProperty("rationale");
      const e2 = await addComment(reviewer, claim.id, { body: bad }).catch((e) => e);
      expect(e2.fields).toHaveProperty("body");
      const e3 = await addSource(editor, claim.id, {
        url: "https://example.com",
        title: "T",
        quote: bad,
        claimVersion: claim.version,
      }).catch((e) => e);
      expect(e3.fields).toHaveProperty("quote");
    }
    // Emoji (a valid surrogate pair) and line breaks are fine.
    const ok = await updateClaim(editor, claim.id, { version: claim.version, rationale: "Checked 📈\nagainst ONS." });
    expect(ok.rationale).toBe("Checked 📈\nagainst ONS.");
  });
});
