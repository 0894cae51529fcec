import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article";
import { listAuditEvents } from "../../lib/audit/list-audit";
import { createClaim } from "../../lib/claims/create-claim";
import { deleteClaim } from "../../lib/claims/delete-claim";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { updateUser } from "../../lib/users/update-user";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

useTestDatabase();
let a: Awaited<ReturnType<typeof createActors>>;
const ids = { article: "", claim: "", deleted: "" };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  a = await createActors("audlog");
  const article = await createArticle(a.editor, { title: "Harbour budget", body: "The ferry will cost £14.5m. Fares rose 9%." });
  ids.article = article.id;
  const claim = await createClaim(a.editor, article.id, { exact: "The ferry will cost £14.5m" });
  ids.claim = claim.id;
  await updateClaim(a.editor2, claim.id, { version: claim.version, verdict: "false" });
  const gone = await createClaim(a.editor, article.id, { exact: "Fares rose 9%" });
  ids.deleted = gone.id;
  await deleteClaim(a.editor, gone.id, { version: gone.version });
  await updateUser(a.admin, { userId: a.editor2.id, disabled: true });
});

describe("the readable audit log", () => {
  it("names claims, articles and users and links to their pages", async () => {
    const { items } = await listAuditEvents(a.admin, { limit: 200 });
    const update = items.find((e) => e.action === "claim.update" && e.targetId === ids.claim)!;
    expect(update.actor).toMatchObject({ id: a.editor2.id, name: a.editor2.name });
    expect(update.target).toEqual({
      type: "claim",
      id: ids.claim,
      label: "The ferry will cost £14.5m",
      href: `/articles/${ids.article}?claim=${ids.claim}`,
      article: { id: ids.article, title: "Harbour budget", href: `/articles/${ids.article}` },
      gone: false,
    });
    expect(update.summary).toContain("changed the verdict");

    const created = items.find((e) => e.action === "article.create" && e.targetId === ids.article)!;
    expect(created.target).toMatchObject({ label: "Harbour budget", href: `/articles/${ids.article}` });

    // A deleted claim keeps the quote its events recorded, with no link to a page that is gone.
    const deleted = items.find((e) => e.action === "claim.delete")!;
    expect(deleted.target).toMatchObject({ label: "Fares rose 9%", href: null, gone: true });
    expect(deleted.target.article).toMatchObject({ id: ids.article, title: "Harbour budget" });

    const disabled = items.find((e) => e.action === "user.disable")!;
    expect(disabled.target.label).toBe(`${a.editor2.name} (${a.editor2.email})`);
  });

  it("filters by person, action and date, together", async () => {
    const byEditor2 = await listAuditEvents(a.admin, { actor: a.editor2.id, limit: 200 });
    expect(byEditor2.items.map((e) => e.action)).toEqual(["claim.update"]);

    const claimEvents = await listAuditEvents(a.admin, { action: "claim.", limit: 200 });
    expect(new Set(claimEvents.items.map((e) => e.action))).toEqual(new Set(["claim.create", "claim.update", "claim.delete"]));

    const today = await listAuditEvents(a.admin, { from: day(0), to: day(0), action: "claim.create", actor: a.editor.id });
    expect(today.items).toHaveLength(2);
    expect((await listAuditEvents(a.admin, { to: day(-1) })).items).toEqual([]);
    expect((await listAuditEvents(a.admin, { from: day(1) })).items).toEqual([]);
  });

  it("refuses a date that is not one, and a range that ends before it starts", async () => {
    const refusal = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      if (!(err instanceof AppError)) throw new Error("expected a refusal");
      return err;
    };
    expect((await refusal(listAuditEvents(a.admin, { from: "yesterday" }))).fields).toHaveProperty("from");
    expect((await refusal(listAuditEvents(a.admin, { from: day(0), to: day(-2) }))).fields).toHaveProperty("to");
    expect((await refusal(listAuditEvents(a.editor, {}))).code).toBe("forbidden");
  });
});
