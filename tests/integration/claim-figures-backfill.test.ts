import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { claimFigures } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { backfillClaimFigures } from "../../lib/claim-figures/backfill-claim-figures";
import { createClaim } from "../../lib/claims/create-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const database = useTestDatabase();
const db = () => database.handle().db;
let a: Awaited<ReturnType<typeof createActors>>;

beforeAll(async () => {
  a = await createActors("figures-backfill");
});

describe("figures backfill (npm run figures:backfill)", () => {
  it("stores the figures of claims marked before figures were stored, touches nothing else, and can run again", async () => {
    const article = await createArticle(a.editor, {
      title: "Backfill",
      body: "Defence spending reached 2.3 per cent of GDP.\n\nThe minister thanked the staff.\n\nSome 10,000 troops were sent.",
    });
    const withFigure = await createClaim(a.editor, article.id, { exact: "2.3 per cent of GDP" });
    const noFigure = await createClaim(a.editor, article.id, { exact: "The minister thanked the staff" });
    const troops = await createClaim(a.editor, article.id, { exact: "10,000 troops were sent" });
    const ids = [withFigure.id, noFigure.id, troops.id];
    const stored = async () =>
      (await db().select().from(claimFigures).where(inArray(claimFigures.claimId, ids)))
        .map((r) => `${r.claimId}:${r.origin}:${r.value}`)
        .sort();
    const written = await stored();
    expect(written.length).toBeGreaterThan(0);
    // As a desk upgraded from before migration 0011 has them: claims without stored figures.
    await db()
      .delete(claimFigures)
      .where(inArray(claimFigures.claimId, [withFigure.id, noFigure.id]));
    const troopsRows = await db().select().from(claimFigures).where(eq(claimFigures.claimId, troops.id));

    const first = await backfillClaimFigures(db(), { batchSize: 1 });
    expect(first.filled).toBeGreaterThanOrEqual(1);
    expect(await stored()).toEqual(written);
    // The claim that had figures kept the very same rows (not rewritten).
    expect(await db().select().from(claimFigures).where(eq(claimFigures.claimId, troops.id))).toEqual(troopsRows);

    const again = await backfillClaimFigures(db());
    expect(again.filled).toBe(0);
    expect(await stored()).toEqual(written);
  });
});
