/**
 * Single sign-on's user provisioning (lib/auth/sso-sign-in.ts) against the real database, fed with
 * what a local OpenID Connect provider (tests/support/oidc-provider.mjs, started here) answers at
 * the end of a real authorization-code flow. The Auth.js wiring and the login page are driven in
 * Chromium by tests/e2e/sso.test.ts.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "../../db/schema";
import type { Role } from "../../domain/vocabulary";
import { authenticate, loadSessionActor } from "../../lib/auth/authenticate";
import { signInWithSso } from "../../lib/auth/sso-sign-in";
import { CLI_ACTOR } from "../../lib/auth/system-actor";
import { createUser } from "../../lib/users/create-user";
import { updateUser } from "../../lib/users/update-user";
import { useTestDatabase } from "../support/db";
import { TEST_PASSWORD } from "../support/fixtures";
import { oidcLogin } from "../support/oidc-login";
import { startOidcProvider, UNVERIFIED_PREFIX } from "../support/oidc-provider.mjs";

const db = useTestDatabase();
const REDIRECT = "http://localhost:9/api/auth/callback/oidc";
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
const settings = () => ({
  issuer: provider.issuer,
  allowedDomains: ["newsroom.test", "bureau.test"],
  defaultRole: "reviewer" as Role,
});

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [REDIRECT] });
});
afterAll(async () => {
  await provider?.close();
});

/** Signs `login` in at the provider and hands its claims to the desk. */
async function ssoSignIn(login: string, overrides: Partial<ReturnType<typeof settings>> = {}) {
  const { userinfo } = await oidcLogin(provider, login, REDIRECT);
  return signInWithSso(userinfo, { ...settings(), ...overrides }, { ip: "203.0.113.9" });
}

const rowsByEmail = (email: string) =>
  db
    .handle()
    .db.select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
const auditFor = (where: ReturnType<typeof and>) => db.handle().db.select().from(auditEvents).where(where);

describe("single sign-on: who signs in", () => {
  it("creates a first-time user of an allowed domain with the default role, audited in the same transaction", async () => {
    const result = await ssoSignIn("Ada.Lovelace@Newsroom.test");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created).toBe(true);
    expect(result.actor).toMatchObject({ email: "ada.lovelace@newsroom.test", role: "reviewer", name: "SSO Ada.Lovelace" });
    const [row] = await rowsByEmail("ada.lovelace@newsroom.test");
    expect(row).toMatchObject({ id: result.actor.id, role: "reviewer", disabled: false });
    // The session the sign-in makes is checked like a password session's.
    expect(await loadSessionActor(row!.id, result.sessionVersion)).toMatchObject({ id: row!.id, role: "reviewer" });

    const created = await auditFor(and(eq(auditEvents.targetId, row!.id), eq(auditEvents.action, "user.create")));
    expect(created).toHaveLength(1);
    expect(created[0]!.actorId).toBeNull();
    expect(created[0]!.after).toEqual({ email: "ada.lovelace@newsroom.test", name: "SSO Ada.Lovelace", role: "reviewer" });
    expect(created[0]!.meta).toMatchObject({ via: "oidc", defaultRole: true, issuer: provider.issuer });
    const logins = await auditFor(and(eq(auditEvents.targetId, row!.id), eq(auditEvents.action, "auth.login")));
    expect(logins).toHaveLength(1);
    expect(logins[0]!.actorId).toBe(row!.id);
    expect(logins[0]!.meta).toMatchObject({ method: "oidc", ip: "203.0.113.9", created: true });
    // One transaction: the user row and both audit rows carry the same transaction time.
    expect(created[0]!.at.getTime()).toBe(logins[0]!.at.getTime());
  });

  it("gives a new user whatever default role the desk configured", async () => {
    const result = await ssoSignIn("grace@bureau.test", { defaultRole: "editor" });
    expect(result).toMatchObject({ ok: true, created: true, actor: { email: "grace@bureau.test", role: "editor" } });
  });

  it("the second sign-in of an SSO user is the same user, not a new one", async () => {
    const first = await ssoSignIn("twice@newsroom.test");
    const second = await ssoSignIn("twice@newsroom.test");
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.created).toBe(false);
    expect(second.actor.id).toBe(first.actor.id);
    expect(await rowsByEmail("twice@newsroom.test")).toHaveLength(1);
  });

  it("the account has no password anyone knows: password login with the e-mail fails", async () => {
    const result = await ssoSignIn("nopass@newsroom.test");
    expect(result.ok).toBe(true);
    const [row] = await rowsByEmail("nopass@newsroom.test");
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authenticate({ email: "nopass@newsroom.test", password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses an e-mail outside the allowed domains, creating nobody, and audits the refusal", async () => {
    for (const email of ["mallory@elsewhere.test", "mallory@evil.newsroom.test", "mallory@newsroom.test.evil.test"]) {
      expect(await ssoSignIn(email)).toEqual({ ok: false, reason: "domain" });
      expect(await rowsByEmail(email)).toHaveLength(0);
    }
    const refused = await auditFor(
      and(eq(auditEvents.action, "auth.login_failed"), sql`${auditEvents.meta}->>'email' = 'mallory@elsewhere.test'`),
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]!.meta).toMatchObject({ method: "oidc", reason: "domain", ip: "203.0.113.9" });
  });

  it("refuses an e-mail the provider has not verified", async () => {
    expect(await ssoSignIn(`${UNVERIFIED_PREFIX}claimed@newsroom.test`)).toEqual({ ok: false, reason: "unverified" });
    expect(await rowsByEmail("claimed@newsroom.test")).toHaveLength(0);
  });

  it("refuses claims without an e-mail address", async () => {
    expect(await signInWithSso({ sub: "x" }, settings())).toEqual({ ok: false, reason: "no_email" });
    expect(await signInWithSso({ sub: "x", email: "not an address", email_verified: true }, settings())).toEqual({
      ok: false,
      reason: "no_email",
    });
  });

  it("signs an existing user in as themselves, keeping the role an admin gave them", async () => {
    const existing = await createUser(CLI_ACTOR, {
      email: "Editor.In.Chief@newsroom.test",
      name: "Editor in Chief",
      role: "admin",
      password: TEST_PASSWORD,
    });
    const result = await ssoSignIn("editor.in.chief@NEWSROOM.test");
    expect(result).toMatchObject({
      ok: true,
      created: false,
      actor: { id: existing.id, email: "editor.in.chief@newsroom.test", name: "Editor in Chief", role: "admin" },
    });
    expect(await rowsByEmail("editor.in.chief@newsroom.test")).toHaveLength(1);
    const created = await auditFor(and(eq(auditEvents.targetId, existing.id), eq(auditEvents.action, "user.create")));
    expect(created.map((a) => a.meta)).toEqual([{ via: "cli" }]);
    // The password still works too: SSO does not take password login away.
    expect((await authenticate({ email: "editor.in.chief@newsroom.test", password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("refuses a disabled user, and their session is refused as before", async () => {
    const first = await ssoSignIn("leaver@newsroom.test");
    if (!first.ok) throw new Error("expected the first sign-in to succeed");
    const [admin] = await db
      .handle()
      .db.insert(users)
      .values({ email: "sso-admin@example.com", name: "Admin", role: "admin", passwordHash: "x" })
      .returning();
    await updateUser(
      { id: admin!.id, email: admin!.email, name: admin!.name, role: "admin" },
      { userId: first.actor.id, disabled: true },
    );
    expect(await loadSessionActor(first.actor.id, first.sessionVersion)).toBeNull();

    expect(await ssoSignIn("leaver@newsroom.test")).toEqual({ ok: false, reason: "disabled" });
    const refused = await auditFor(and(eq(auditEvents.targetId, first.actor.id), eq(auditEvents.action, "auth.login_failed")));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.meta).toMatchObject({ method: "oidc", reason: "disabled" });
  });

  it("two first sign-ins at once make one user, and both sign in as it", async () => {
    const claims = { sub: "race", email: "race@newsroom.test", email_verified: true, name: "Race" };
    const [a, b] = await Promise.all([signInWithSso(claims, settings()), signInWithSso(claims, settings())]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.actor.id).toBe(b.actor.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await rowsByEmail("race@newsroom.test")).toHaveLength(1);
  });
});
