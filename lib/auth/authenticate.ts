import "server-only";
import { and, eq, gt, type SQL, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { loginAttempts, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { countLoginAttempt } from "../security/rate-limits";
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_IP, LOGIN_WINDOW_MINUTES } from "../users/limits";
import { burnPasswordCheck, verifyPassword } from "../users/password";
import { credentialsSchema } from "../users/schemas";
import type { Actor } from "./permissions";

/** What a disabled user is told, on the login page and when they try to sign in. */
export const ACCOUNT_DISABLED_MESSAGE = "This account has been disabled. Ask an administrator of the desk to enable it again.";

export type AuthenticateResult =
  | { ok: true; actor: Actor; sessionVersion: number }
  | { ok: false; reason: "invalid" | "throttled" | "disabled" }
  /** Too many attempts from this client address, over all accounts (RATE_LIMIT_LOGIN_PER_IP). */
  | { ok: false; reason: "rate_limited"; retryAfter: number };

/** Advisory-lock class of login throttling (the two-key form: apart from other advisory locks). */
const LOGIN_LOCK_CLASS = 1_406_300_001;

/**
 * Checks e-mail and password. Unknown e-mail and wrong password answer "invalid" after the same
 * argon2 work; a disabled account answers "disabled" only to someone who gave its right password
 * (who may be told why they cannot sign in; anyone else learns nothing about the account).
 *
 * Throttling is counted per e-mail (known or not) and per client address in the database, so it
 * holds across app instances, and it is atomic: counting the recent failures and recording this
 * attempt happen in one transaction under advisory locks on the e-mail and the address. The
 * attempt is recorded as a failure before the password is checked (and marked a success after),
 * so N parallel guesses cannot all pass the count: at most LOGIN_MAX_FAILURES of them are ever
 * checked against the account's hash. The slow argon2 check itself runs outside the lock.
 */
export async function authenticate(
  input: { email: unknown; password: unknown },
  context: { ip?: string | null } = {},
): Promise<AuthenticateResult> {
  // Attempts per client address, whatever the account and the outcome (docs/api.md, "Rate limits"):
  // refused before any argon2 work, and before anything is recorded against an account.
  const rate = await countLoginAttempt(context.ip);
  if (rate && !rate.allowed) return { ok: false, reason: "rate_limited", retryAfter: rate.resetSeconds };
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    await burnPasswordCheck("x");
    return { ok: false, reason: "invalid" };
  }
  const { email, password } = parsed.data;
  const ip = context.ip ?? null;
  const db = await getDb();

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));

  const attemptId = await db.transaction(async (tx) => {
    // E-mail first, then address: every login takes them in this order, so no two wait on each other.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}, hashtext(${`email:${email}`}))`);
    if (ip) await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}, hashtext(${`ip:${ip}`}))`);
    const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
    const recentFailures = (where: SQL) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(loginAttempts)
        .where(and(where, eq(loginAttempts.success, false), gt(loginAttempts.at, since)))
        .then((rows) => rows[0]?.n ?? 0);
    const throttled =
      (await recentFailures(eq(loginAttempts.email, email))) >= LOGIN_MAX_FAILURES ||
      (ip !== null && (await recentFailures(eq(loginAttempts.ip, ip))) >= LOGIN_MAX_FAILURES_PER_IP);
    const [attempt] = await tx
      .insert(loginAttempts)
      .values({ email, userId: user?.id ?? null, success: false, ip })
      .returning({ id: loginAttempts.id });
    if (throttled) {
      await recordAudit(tx, {
        actorId: null,
        action: "auth.login_throttled",
        targetType: "user",
        targetId: user?.id ?? null,
        meta: { email, ip },
      });
      return null;
    }
    return attempt!.id;
  });
  // Refused without checking the password: the answer is the same for every account, so there is
  // no timing to equalise, and an attack costs no argon2 work.
  if (attemptId === null) return { ok: false, reason: "throttled" };

  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  const success = Boolean(user && valid && !user.disabled);

  await db.transaction(async (tx) => {
    if (success) await tx.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
    await recordAudit(
      tx,
      success && user
        ? { actorId: user.id, action: "auth.login", targetType: "user", targetId: user.id, meta: { ip } }
        : {
            actorId: null,
            action: "auth.login_failed",
            targetType: "user",
            targetId: user?.id ?? null,
            meta: { email, ip, disabled: user?.disabled ?? undefined },
          },
    );
  });

  if (user && valid && user.disabled) return { ok: false, reason: "disabled" };
  if (!success || !user) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    sessionVersion: user.sessionVersion,
  };
}

/** A session's user id and version when they have the shape a session of this app carries, else null. */
export function sessionOfClaims(userId: unknown, sessionVersion: unknown): { userId: string; sessionVersion: number } | null {
  if (typeof userId !== "string" || typeof sessionVersion !== "number") return null;
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  return { userId, sessionVersion };
}

/**
 * The per-request session check: the token's user must still exist, be enabled and carry the
 * current session version (bumped by disable, role change and password change).
 */
export async function loadSessionActor(userId: unknown, sessionVersion: unknown): Promise<Actor | null> {
  const session = sessionOfClaims(userId, sessionVersion);
  if (!session) return null;
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, session.userId));
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Sign-out bumps the session version, so a copy of the JWT cookie (another tab, another device, a
 * stolen copy) stops working too, not only the cookie this browser deletes.
 */
export async function signOutEverywhere(actorId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actorId));
    await recordAudit(tx, { actorId, action: "auth.logout", targetType: "user", targetId: actorId });
  });
}

/**
 * Why a signed session no longer lets its user in, when the reason is one to tell them: the
 * account was disabled. Null otherwise (signed out elsewhere, role or password changed, unknown).
 */
export async function sessionEndReason(userId: unknown): Promise<"disabled" | null> {
  if (typeof userId !== "string" || !/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const db = await getDb();
  const [user] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, userId));
  return user?.disabled ? "disabled" : null;
}
