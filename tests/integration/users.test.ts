import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, loginAttempts, users } from "../../db/schema";
import { authenticate, loadSessionActor } from "../../lib/auth/authenticate";
import { CLI_ACTOR } from "../../lib/auth/system-actor";
import { AppError } from "../../lib/errors";
import { LOGIN_MAX_FAILURES } from "../../lib/users/limits";
import { createUser } from "../../lib/users/create-user";
import { listUsers } from "../../lib/users/list-users";
import { updateUser } from "../../lib/users/update-user";
import { useTestDatabase } from "../support/db";
import { createActors, dbError, TEST_PASSWORD } from "../support/fixtures";

const db = useTestDatabase();

async function expectAppError(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);
}

describe("users and login", () => {
  it("creates a user whose password is stored as an argon2id hash with OWASP parameters", async () => {
    const { admin } = await createActors("create");
    const user = await createUser(admin, {
      email: "New.Person@Example.com",
      name: "New Person",
      role: "reviewer",
      password: "a long enough password",
    });
    expect(user.email).toBe("new.person@example.com");
    expect(user).not.toHaveProperty("passwordHash");
    const [row] = await db
      .handle()
      .db.select()
      .from(users)
      .where(sql`id = ${user.id}`);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/);
    const [, m, t] = /m=(\d+),t=(\d+)/.exec(row!.passwordHash)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    const audit = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`target_id = ${user.id} and action = 'user.create'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
  });

  it("refuses a duplicate e-mail, case-insensitively, with a field error and no second row", async () => {
    const { admin } = await createActors("dup");
    await createUser(admin, { email: "dup@example.com", name: "One", role: "editor", password: TEST_PASSWORD });
    const err = await createUser(admin, { email: "DUP@example.com", name: "Two", role: "editor", password: TEST_PASSWORD }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.fields.email).toMatch(/already exists/);
    const rows = await db
      .handle()
      .db.select()
      .from(users)
      .where(sql`lower(email) = 'dup@example.com'`);
    expect(rows).toHaveLength(1);
  });

  it("validates input field by field and creates nothing on bad input", async () => {
    const { admin } = await createActors("bad");
    const before = await db
      .handle()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(users);
    const err = await createUser(admin, { email: "not-an-email", name: "", role: "boss" as never, password: "short" }).catch(
      (e) => e,
    );
    expect(err.code).toBe("validation_failed");
    expect(Object.keys(err.fields).sort()).toEqual(["email", "name", "password", "role"]);
    const extra = await createUser(admin, {
      email: "x@example.com",
      name: "X",
      role: "editor",
      password: TEST_PASSWORD,
      disabled: true,
    } as never).catch((e) => e);
    expect(extra.fields.disabled).toMatch(/not accepted/);
    const after = await db
      .handle()
      .db.select({ n: sql<number>`count(*)::int` })
      .from(users);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });

  it("accepts long passwords whole (no 72-byte cut)", async () => {
    const { admin } = await createActors("long");
    const long = "ü".repeat(100) + "tail-A";
    await createUser(admin, { email: "long@example.com", name: "Long", role: "editor", password: long });
    expect((await authenticate({ email: "long@example.com", password: long })).ok).toBe(true);
    expect((await authenticate({ email: "long@example.com", password: "ü".repeat(100) + "tail-B" })).ok).toBe(false);
  });

  it("only admins manage users", async () => {
    const { editor, reviewer } = await createActors("perm");
    await expectAppError(listUsers(editor), "forbidden");
    await expectAppError(
      createUser(reviewer, { email: "r@example.com", name: "R", role: "admin", password: TEST_PASSWORD }),
      "forbidden",
    );
    await expectAppError(updateUser(editor, { userId: reviewer.id, role: "admin" }), "forbidden");
    await expectAppError(listUsers(null), "unauthorized");
    const denied = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`actor_id = ${editor.id} and action = 'access.denied'`);
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it("the system (terminal, demo seed) manages users without a signed-in user; nobody else does", async () => {
    await expectAppError(
      createUser(null, { email: "anon@example.com", name: "Anon", role: "admin", password: TEST_PASSWORD }),
      "unauthorized",
    );
    const made = await createUser(CLI_ACTOR, { email: "cli@example.com", name: "Cli", role: "editor", password: TEST_PASSWORD });
    await expectAppError(updateUser(null, { userId: made.id, role: "admin" }), "unauthorized");
    expect((await updateUser(CLI_ACTOR, { userId: made.id, role: "reviewer" })).role).toBe("reviewer");
    const rows = await db
      .handle()
      .db.select({ action: auditEvents.action, actorId: auditEvents.actorId, meta: auditEvents.meta })
      .from(auditEvents)
      .where(sql`target_id = ${made.id}`)
      .orderBy(auditEvents.id);
    expect(rows).toEqual([
      { action: "user.create", actorId: null, meta: { via: "cli" } },
      { action: "user.update", actorId: null, meta: { sessionsEnded: true, via: "cli" } },
    ]);
  });

  it("answers unknown e-mail and wrong password identically", async () => {
    const { editor } = await createActors("same");
    const unknown = await authenticate({ email: "nobody@example.com", password: TEST_PASSWORD });
    const wrong = await authenticate({ email: editor.email, password: "wrong password!" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
    const ok = await authenticate({ email: editor.email.toUpperCase(), password: TEST_PASSWORD });
    expect(ok.ok).toBe(true);
  });

  it("throttles an account after repeated failures, leaving other accounts alone", async () => {
    const { editor, editor2 } = await createActors("throttle");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect((await authenticate({ email: editor.email, password: `wrong-${i}-password` })).ok).toBe(false);
    }
    // Even the right password is refused while the account is throttled.
    expect(await authenticate({ email: editor.email, password: TEST_PASSWORD })).toEqual({ ok: false, reason: "throttled" });
    expect((await authenticate({ email: editor2.email, password: TEST_PASSWORD })).ok).toBe(true);
    // Unknown addresses are throttled the same way, so the answer reveals nothing.
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      await authenticate({ email: "ghost@example.com", password: "whatever-password" });
    expect(await authenticate({ email: "ghost@example.com", password: "whatever-password" })).toEqual({
      ok: false,
      reason: "throttled",
    });
    const rows = await db
      .handle()
      .db.select()
      .from(loginAttempts)
      .where(sql`email = ${editor.email}`);
    expect(rows).toHaveLength(LOGIN_MAX_FAILURES + 1);
    const failed = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(sql`action = 'auth.login_failed' and target_id = ${editor.id}`);
    expect(failed).toHaveLength(LOGIN_MAX_FAILURES);
  });

  it("ends sessions at once on disable, role change and password change", async () => {
    const { admin, reviewer } = await createActors("revoke");
    const login = await authenticate({ email: reviewer.email, password: TEST_PASSWORD });
    if (!login.ok) throw new Error("login failed");
    let sv = login.sessionVersion;
    expect(await loadSessionActor(reviewer.id, sv)).toMatchObject({ id: reviewer.id, role: "reviewer" });

    await updateUser(admin, { userId: reviewer.id, role: "editor" });
    expect(await loadSessionActor(reviewer.id, sv)).toBeNull();
    sv += 1;
    expect(await loadSessionActor(reviewer.id, sv)).toMatchObject({ role: "editor" });

    await updateUser(admin, { userId: reviewer.id, password: "a brand new password" });
    expect(await loadSessionActor(reviewer.id, sv)).toBeNull();
    sv += 1;

    await updateUser(admin, { userId: reviewer.id, disabled: true });
    expect(await loadSessionActor(reviewer.id, sv)).toBeNull();
    expect(await loadSessionActor(reviewer.id, sv + 1)).toBeNull(); // disabled, whatever the version
    expect((await authenticate({ email: reviewer.email, password: "a brand new password" })).ok).toBe(false);

    await updateUser(admin, { userId: reviewer.id, disabled: false });
    expect((await authenticate({ email: reviewer.email, password: "a brand new password" })).ok).toBe(true);
  });

  it("does not let an admin lock themselves out", async () => {
    const { admin } = await createActors("self");
    const err = await updateUser(admin, { userId: admin.id, disabled: true }).catch((e) => e);
    expect(err.code).toBe("unprocessable");
  });
});

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await createActors("audit");
    const h = db.handle().db;
    const [{ n } = { n: 0 }] = await h.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(Number(n)).toBeGreaterThan(0);
    for (const statement of [
      sql`update audit_events set action = 'x'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ]) {
      const err = await dbError(h.execute(statement));
      expect(err.code).toBe("FC002");
      expect(err.message).toMatch(/append-only/);
    }
    const [{ n: after } = { n: 0 }] = await h.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(Number(after)).toBe(Number(n));
  });
});
