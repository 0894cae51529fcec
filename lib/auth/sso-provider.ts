import "server-only";
import type { Account, Profile, User } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { headers } from "next/headers";
import { databaseUnavailable } from "../errors";
import type { SsoSettings } from "../env";
import { clientAddressOf } from "../http/server-state";
import { signInWithSso } from "./sso-sign-in";

/** The provider's id in Auth.js: its callback is /api/auth/callback/oidc (register that at the provider). */
export const SSO_PROVIDER_ID = "oidc";

/**
 * The OpenID Connect provider Auth.js runs the sign-in with (discovery from the issuer, code flow
 * with PKCE, state and nonce). The claims are read from the userinfo endpoint (`idToken: false`;
 * the ID token is still required and checked): providers put e-mail claims there whatever they
 * put in the ID token.
 */
export function ssoProvider(settings: SsoSettings): OIDCConfig<Profile> {
  return {
    id: SSO_PROVIDER_ID,
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    checks: ["pkce", "state", "nonce"],
    idToken: false,
  };
}

/**
 * Auth.js's signIn callback for the SSO provider: the desk decides who the person is (its user with
 * that verified e-mail, or a new one) and writes that user's id, role and session version onto the
 * `user` Auth.js hands on to the jwt callback, which then makes the same session as a password
 * login. A refusal sends the browser to the login page with the reason (`?error=sso_…`).
 */
export async function ssoSignIn(
  settings: SsoSettings,
  params: { user: User; account?: Account | null; profile?: Profile },
): Promise<boolean | string> {
  if (params.account?.provider !== SSO_PROVIDER_ID) return true;
  const ip = clientAddressOf(await headers());
  const result = await signInWithSso(params.profile, settings, { ip }).catch((err: unknown) => {
    if (databaseUnavailable(err)) return { ok: false as const, reason: "unavailable" as const };
    throw err;
  });
  if (!result.ok) return `/login?error=sso_${result.reason}`;
  Object.assign(params.user, {
    id: result.actor.id,
    email: result.actor.email,
    name: result.actor.name,
    role: result.actor.role,
    sessionVersion: result.sessionVersion,
  });
  return true;
}
