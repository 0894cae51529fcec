import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { getArticle } from "../../lib/articles/read-articles";
import { updateArticle } from "../../lib/articles/update-article";
import { listAuditEvents } from "../../lib/audit/list-audit";
import { authenticate } from "../../lib/auth/authenticate";
import { createClaim } from "../../lib/claims/create-claim";
import { deleteClaim } from "../../lib/claims/delete-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { withdrawClaim } from "../../lib/workflow/withdraw-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

const db = useTestDatabase();
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe("article details", () => {
  it("corrects title, url and date with a version check; refuses reviewers and bad input", async () => {
    const { editor, editor2, reviewer } = await createActors("art");
    const a = await createArticle(editor, { title: "Tyop in title", body: "Prices rose 4% in May." });
    const updated = await updateArticle(editor, a.id, {
      version: a.version,
      title: "Typo in title",
      url: "https://news.example/prices",
      publishedAt: "2024-06-01",
    });
    expect(updated).toMatchObject({
      title: "Typo in title",
      url: "https://news.example/prices",
      publishedAt: "2024-06-01",
      slug: a.slug,
      version: a.version + 1,
    });
    expect(code(await updateArticle(editor2, a.id, { version: a.version, title: "Stale" }).catch((e) => e))).toBe("conflict");
    expect(code(await updateArticle(reviewer, a.id, { version: updated.version, title: "No" }).catch((e) => e))).toBe(
      "forbidden",
    );
    const bad = await updateArticle(editor, a.id, {
      version: updated.version,
      title: "",
      url: "javascript:x",
      slug: "new",
    } as never).catch((e) => e);
    expect(Object.keys(bad.fields).sort()).toEqual(["slug", "title", "url"]);
    expect((await getArticle(editor, a.id)).title).toBe("Typo in title");
    const audit = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`target_id = ${a.id} and action = 'article.update'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ title: "Tyop in title", url: null });
  });
});

describe("deleting a claim marked by mistake", () => {
  it("deletes a never-reviewed draft, keeping it whole in the audit log", async () => {
    const { editor, reviewer } = await createActors("del");
    const a = await createArticle(editor, { title: "Delete", body: "Prices rose 4% in May. Wages rose 2%." });
    const c = await createClaim(editor, a.id, { exact: "Prices rose 4% in May" });
    const withSource = (await addSource(editor, c.id, { url: "https://ons.example/x", title: "ONS", claimVersion: c.version }))
      .claim;
    expect(code(await deleteClaim(reviewer, c.id, { version: withSource.version }).catch((e) => e))).toBe("forbidden");
    expect(code(await deleteClaim(editor, c.id, { version: 1 }).catch((e) => e))).toBe("conflict");
    expect(await deleteClaim(editor, c.id, { version: withSource.version })).toEqual({ deleted: c.id });
    expect(code(await getClaim(editor, c.id).catch((e) => e))).toBe("not_found");
    const [row] = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`target_id = ${c.id} and action = 'claim.delete'`);
    expect(row!.before).toMatchObject({ exact: "Prices rose 4% in May", sources: [expect.objectContaining({ title: "ONS" })] });
  });

  it("refuses claims in review, approved, or reviewed before", async () => {
    const { editor, reviewer } = await createActors("keep");
    const a = await createArticle(editor, { title: "Keep", body: "Prices rose 4% in May. Wages rose 2% in June." });
    let c = await createClaim(editor, a.id, { exact: "Prices rose 4% in May" });
    c = await updateClaim(editor, c.id, { version: c.version, verdict: "verified", rationale: "ONS CPI." });
    c = (await addSource(editor, c.id, { url: "https://ons.example/cpi", title: "CPI", claimVersion: c.version })).claim;
    c = await submitClaim(editor, c.id, { version: c.version });
    expect(code(await deleteClaim(editor, c.id, { version: c.version }).catch((e) => e))).toBe("conflict");
    c = (
      await reviewClaim(reviewer, c.id, { version: c.version, decision: "request_changes", reason: "Add the month's figure." })
    ).claim;
    // A claim sent back is resubmitted once it has changed (issue 9, bug 15).
    c = await updateClaim(editor, c.id, { version: c.version, rationale: "ONS CPI, May figure." });
    c = await submitClaim(editor, c.id, { version: c.version });
    c = await withdrawClaim(editor, c.id, { version: c.version });
    expect(c.status).toBe("draft");
    const err = await deleteClaim(editor, c.id, { version: c.version }).catch((e) => e);
    expect(code(err)).toBe("conflict");
    expect(err.message).toMatch(/reviewed before/);
    expect((await getClaim(editor, c.id)).id).toBe(c.id);
  });
});

describe("audit log for admins", () => {
  it("lists events newest first with filters and keyset pages; only admins", async () => {
    const { admin, editor } = await createActors("aud");
    await authenticate({ email: editor.email, password: "wrong password here" });
    await authenticate({ email: editor.email, password: "wrong password again" });
    const failed = await listAuditEvents(admin, { action: "auth.login_failed", limit: 1 });
    expect(failed.items).toHaveLength(1);
    expect(failed.next).not.toBeNull();
    const second = await listAuditEvents(admin, { action: "auth.login_failed", limit: 1, before: failed.next! });
    expect(second.items[0]!.id).toBeLessThan(failed.items[0]!.id);
    const authEvents = await listAuditEvents(admin, { action: "auth.", limit: 200 });
    expect(authEvents.items.every((e) => e.action.startsWith("auth."))).toBe(true);
    await createArticle(admin, { title: "By the admin", body: "Rents rose 9%." });
    const mine = await listAuditEvents(admin, { actor: admin.id });
    expect(mine.items.map((e) => e.action)).toContain("article.create");
    expect(mine.items.every((e) => e.actor?.id === admin.id)).toBe(true);
    expect(code(await listAuditEvents(editor).catch((e) => e))).toBe("forbidden");
    expect(code(await listAuditEvents(admin, { action: "DROP TABLE" } as never).catch((e) => e))).toBe("validation_failed");
  });
});
