import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { listArticles } from "../../lib/articles/read-articles";
import { can } from "../../lib/auth/permissions";
import { rowsOf } from "../../lib/database";
import { AppError } from "../../lib/errors";
import { actorForBearerToken } from "../../lib/tokens/authenticate-token";
import { createApiToken } from "../../lib/tokens/create-token";
import { listApiTokens } from "../../lib/tokens/list-tokens";
import { revokeApiToken } from "../../lib/tokens/revoke-token";
import { runWithToken } from "../../lib/tokens/token-context";
import { updateUser } from "../../lib/users/update-user";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("API tokens", () => {
  const { handle } = useTestDatabase();
  let a: Awaited<ReturnType<typeof createActors>>;
  beforeAll(async () => {
    a = await createActors("tok");
  });
  const bearer = (secret: string) => actorForBearerToken(`Bearer ${secret}`);

  it("a read token reads but cannot write; a write token writes, and the audit row names the token", async () => {
    const read = await createApiToken(a.editor, { name: "CMS reader", scopes: ["read"] });
    expect(read.secret).toMatch(/^fcd_[A-Za-z0-9_-]{43}$/);
    expect(read.token).toMatchObject({ name: "CMS reader", scopes: ["read"], state: "active", user: { id: a.editor.id } });
    const reader = (await bearer(read.secret))!;
    expect(reader).toMatchObject({ id: a.editor.id, role: "editor", token: { id: read.token.id, scopes: ["read"] } });
    expect(can(reader, "article:read")).toBe(true);
    expect(can(reader, "article:write")).toBe(false);
    await listArticles(reader, {});
    expect((await appError(createArticle(reader, { title: "Via token", body: "Text." }))).code).toBe("forbidden");

    const write = await createApiToken(a.editor, { name: "Importer", scopes: ["read", "write"], expiresInDays: 7 });
    const writer = (await bearer(write.secret))!;
    const article = await runWithToken(writer.token!.id, () => createArticle(writer, { title: "Via token", body: "Text." }));
    const rows = await handle()
      .db.select({ tokenId: auditEvents.tokenId, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'article.create' and ${auditEvents.targetId} = ${article.id}`);
    expect(rows).toEqual([{ tokenId: write.token.id, actorId: a.editor.id }]);
    expect(Date.parse(write.token.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(Date.parse(read.token.expiresAt) - Date.now()).toBeGreaterThan(89.9 * 86_400_000); // default 90 days
  });

  it("scopes never exceed the user's role, at creation and after a role change", async () => {
    const err = await appError(createApiToken(a.editor, { name: "Too much", scopes: ["read", "review"] }));
    expect(err.code).toBe("validation_failed");
    expect(err.fields?.scopes).toMatch(/not review/);
    expect((await appError(createApiToken(a.reviewer, { name: "x", scopes: ["admin"] }))).code).toBe("validation_failed");

    const reviewerToken = await createApiToken(a.reviewer2, { name: "Queue bot", scopes: ["read", "review"] });
    expect(can(await bearer(reviewerToken.secret), "queue:read")).toBe(true);
    await updateUser(a.admin, { userId: a.reviewer2.id, role: "editor" });
    // The role is read on every request: the token keeps its scopes but the role no longer allows the queue.
    expect(can(await bearer(reviewerToken.secret), "queue:read")).toBe(false);
  });

  it("revoked, expired and disabled-user tokens are refused at once; garbage never reaches the database query", async () => {
    const t = await createApiToken(a.editor2, { name: "Short-lived", scopes: ["read"] });
    expect(await bearer(t.secret)).not.toBeNull();
    await revokeApiToken(a.editor2, t.token.id);
    expect(await bearer(t.secret)).toBeNull();
    expect((await listApiTokens(a.editor2)).find((x) => x.id === t.token.id)?.state).toBe("revoked");

    const e = await createApiToken(a.editor2, { name: "Expiring", scopes: ["read"] });
    await handle().db.execute(sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${e.token.id}`);
    expect(await bearer(e.secret)).toBeNull();

    const d = await createApiToken(a.editor2, { name: "Disabled user", scopes: ["read"] });
    await updateUser(a.admin, { userId: a.editor2.id, disabled: true });
    expect(await bearer(d.secret)).toBeNull();
    await updateUser(a.admin, { userId: a.editor2.id, disabled: false });
    expect(await bearer(d.secret)).not.toBeNull();

    for (const junk of ["", "Bearer", "Basic abc", `Bearer ${d.secret}x`, "Bearer fcd_\u0000", `bearer ${"a".repeat(5000)}`]) {
      expect(await actorForBearerToken(junk)).toBeNull();
    }
  });

  it("names the token's user and scopes, and notes its last use at most once a minute", async () => {
    const t = await createApiToken(a.reviewer, { name: "Used", scopes: ["read", "write"] });
    const lastUsed = async () => {
      const r = await handle().db.execute(sql`select last_used_at::text as at from api_tokens where id = ${t.token.id}`);
      return rowsOf<{ at: string | null }>(r)[0]!.at;
    };
    expect(await lastUsed()).toBeNull();
    const actor = await bearer(t.secret);
    expect(actor).toEqual({
      id: a.reviewer.id,
      email: a.reviewer.email,
      name: a.reviewer.name,
      role: "reviewer",
      token: { id: t.token.id, scopes: ["read", "write"] },
    });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // Within the minute: not written again.
    expect(await bearer(t.secret)).not.toBeNull();
    expect(await lastUsed()).toBe(first);
    // A minute later: written again.
    await handle().db.execute(sql`update api_tokens set last_used_at = now() - interval '2 minutes' where id = ${t.token.id}`);
    const before = await lastUsed();
    expect(await bearer(t.secret)).not.toBeNull();
    expect(await lastUsed()).not.toBe(before);
    // A refused token is not noted as used.
    await revokeApiToken(a.reviewer, t.token.id);
    await handle().db.execute(sql`update api_tokens set last_used_at = null where id = ${t.token.id}`);
    expect(await bearer(t.secret)).toBeNull();
    expect(await lastUsed()).toBeNull();
  });

  it("only the owner or an admin lists and revokes; tokens cannot mint tokens; admins make service-account tokens", async () => {
    const mine = await createApiToken(a.editor, { name: "Mine", scopes: ["read"] });
    expect((await appError(revokeApiToken(a.reviewer, mine.token.id))).code).toBe("not_found");
    expect((await listApiTokens(a.reviewer)).some((x) => x.id === mine.token.id)).toBe(false);
    expect((await listApiTokens(a.admin)).some((x) => x.id === mine.token.id)).toBe(true);
    const viaToken = (await bearer(mine.secret))!;
    expect((await appError(createApiToken(viaToken, { name: "child", scopes: ["read"] }))).code).toBe("forbidden");

    const service = await createApiToken(a.admin, { name: "Search indexer", scopes: ["read"], userId: a.reviewer.id });
    expect(service.token.user.id).toBe(a.reviewer.id);
    expect((await appError(createApiToken(a.editor, { name: "x", scopes: ["read"], userId: a.reviewer.id }))).code).toBe(
      "forbidden",
    );
    await revokeApiToken(a.admin, service.token.id);
    expect(await bearer(service.secret)).toBeNull();
    expect((await appError(createApiToken(a.editor, { name: "x", scopes: [], extra: 1 }))).code).toBe("validation_failed");
  });
});
