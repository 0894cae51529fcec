import "server-only";
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { type Db, getDb, type Tx } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import type { SsoSettings } from "../env";
import { ACCOUNT_DISABLED_MESSAGE } from "./authenticate";
import { hashPassword } from "../users/password";
import { emailSchema } from "../users/schemas";
import type { Actor } from "./permissions";

/** Why a single sign-on was refused; each has its message on the login page (`ssoErrorMessage`). */
export type SsoRefusal = "no_email" | "unverified" | "domain" | "disabled";

export type SsoSignInResult =
  { ok: true; actor: Actor; sessionVersion: number; created: boolean } | { ok: false; reason: SsoRefusal };

/**
 * The claims the provider vouches for (its userinfo answer). `email_verified` is taken as true only
 * when the provider says so; some send it as the string "true".
 */
const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  preferred_username: z.string().optional(),
});

/**
 * Signs in the user a provider's claims name, by verified e-mail: the desk's user with that e-mail
 * (whatever their role; a disabled one is refused), or a new user with the desk's default role when
 * the e-mail's domain is allowed. Every outcome is in the audit log, as password logins are:
 * `auth.login` or `auth.login_failed` (`meta.method: "oidc"`), and for a new user `user.create`
 * (`meta.via: "oidc"`), committed with the user row in one transaction.
 *
 * Roles are the desk's business, not the provider's: an existing user keeps theirs, and no claim
 * of the provider ever changes one (admins do, on /admin).
 */
export async function signInWithSso(
  rawClaims: unknown,
  settings: Pick<SsoSettings, "issuer" | "allowedDomains" | "defaultRole">,
  context: { ip?: string | null } = {},
): Promise<SsoSignInResult> {
  const ip = context.ip ?? null;
  const claims = claimsSchema.safeParse(rawClaims);
  const email = claims.success ? emailSchema.safeParse(claims.data.email ?? "") : null;
  const db = await getDb();
  const refuse = (tx: Db | Tx, reason: SsoRefusal, target: { id: string } | null, address: string | null) =>
    recordAudit(tx, {
      actorId: null,
      action: "auth.login_failed",
      targetType: "user",
      targetId: target?.id ?? null,
      meta: { method: "oidc", reason, email: address, ip, issuer: settings.issuer },
    }).then((): SsoSignInResult => ({ ok: false, reason }));

  if (!claims.success || !email?.success) return refuse(db, "no_email", null, null);
  const address = email.data;
  const verified = claims.data.email_verified === true || claims.data.email_verified === "true";
  if (!verified) return refuse(db, "unverified", null, address);
  if (!settings.allowedDomains.includes(domainOf(address))) return refuse(db, "domain", null, address);

  // Hashed before the transaction (argon2 is slow): a password nobody knows, so the account has
  // none until an admin sets one. Only a first sign-in needs it.
  const existing = await findByEmail(db, address);
  const unusableHash = existing ? null : await hashPassword(crypto.randomBytes(32).toString("base64url"));

  return db.transaction(async (tx) => {
    let user = await findByEmail(tx, address, true);
    let created = false;
    if (!user && unusableHash) {
      const name = displayName(claims.data, address);
      // Two first sign-ins at once: the second inserts nothing and signs in as the first's user.
      const [row] = await tx
        .insert(users)
        .values({ email: address, name, role: settings.defaultRole, passwordHash: unusableHash })
        .onConflictDoNothing()
        .returning();
      if (row) {
        await recordAudit(tx, {
          actorId: null,
          action: "user.create",
          targetType: "user",
          targetId: row.id,
          after: { email: row.email, name: row.name, role: row.role },
          meta: { via: "oidc", defaultRole: true, issuer: settings.issuer },
        });
        created = true;
      }
      user = row ?? (await findByEmail(tx, address, true));
    }
    if (!user) throw new Error("single sign-on: no user row after insert");
    if (user.disabled) return refuse(tx, "disabled", user, address);
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.login",
      targetType: "user",
      targetId: user.id,
      meta: { method: "oidc", ip, issuer: settings.issuer, ...(created ? { created: true } : {}) },
    });
    return {
      ok: true,
      actor: { id: user.id, email: user.email, name: user.name, role: user.role },
      sessionVersion: user.sessionVersion,
      created,
    };
  });
}

async function findByEmail(db: Db | Tx, email: string, lock = false) {
  const query = db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** The part after the last "@", lower-cased (the e-mail schema already lower-cased it). */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

// eslint-disable-next-line no-control-regex -- removing control characters is this pattern's purpose
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** The provider's name for the person, fit for the users table (1–200 characters, no control characters). */
function displayName(claims: z.infer<typeof claimsSchema>, email: string): string {
  const candidates = [
    claims.name,
    [claims.given_name, claims.family_name].filter(Boolean).join(" "),
    claims.preferred_username,
    email.slice(0, email.lastIndexOf("@")),
  ];
  for (const candidate of candidates) {
    const spaced = (candidate ?? "").replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim();
    const clean = Array.from(spaced).slice(0, 200).join("").trim(); // 200 characters, never half a surrogate pair
    if (clean) return clean;
  }
  return email;
}

/** What the login page says for `?error=` after a refused or failed single sign-on. */
export function ssoErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  switch (code) {
    case "sso_domain":
      return "Your e-mail address is not in a domain this desk accepts for single sign-on. Ask an administrator of the desk for an account.";
    case "sso_unverified":
      return "Your sign-in provider has not verified your e-mail address, so the desk cannot sign you in with it. Verify it there, then try again.";
    case "sso_no_email":
      return "Your sign-in provider did not tell the desk your e-mail address. Ask an administrator to allow the e-mail scope.";
    case "sso_disabled":
      return ACCOUNT_DISABLED_MESSAGE;
    case "sso_unavailable":
      return "The desk's database is not reachable right now. Please try again in a moment.";
    case "AccessDenied":
    case "OAuthCallbackError":
    case "OAuthSignInError":
    case "CallbackRouteError":
    case "Configuration":
      // Auth.js's own codes: the provider answered with an error, could not be reached, or the
      // callback was not valid. The details are in the server log.
      return "Single sign-on did not complete. Try again, or sign in with your password.";
    default:
      return null; // e.g. CredentialsSignin from the password endpoint: the page says nothing, as without SSO
  }
}
