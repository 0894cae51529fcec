// Bugs a new user met (issue 9), each checked against a real database.
import { describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { createClaim } from "../../lib/claims/create-claim";
import { updateClaim } from "../../lib/claims/update-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

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
