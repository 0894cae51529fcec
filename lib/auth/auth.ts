import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ssoSettings } from "../env";
import { databaseUnavailable } from "../errors";
import { clientAddressOf } from "../http/server-state";
import { SESSION_MAX_AGE_SECONDS } from "../users/limits";
import { authConfig } from "./auth.config";
import { authenticate, loadSessionActor, signOutEverywhere } from "./authenticate";
import { ssoProvider, ssoSignIn } from "./sso-provider";

class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

/** Too many login attempts from this client address, over all accounts (a rate limit, not a lock). */
class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

/** The right password for an account an administrator disabled: say so rather than "wrong password". */
class DisabledSignin extends CredentialsSignin {
  code = "disabled";
}

/** The database could not be asked: say so, rather than "wrong password". */
class UnavailableSignin extends CredentialsSignin {
  code = "unavailable";
}

/** From server.mjs, which believes X-Forwarded-For only from TRUSTED_PROXIES. */
function clientIp(request: Request | undefined): string | null {
  return clientAddressOf(request?.headers);
}

/** Single sign-on, when the desk configured it (docs/api.md §Single sign-on); password login either way. */
const sso = ssoSettings();

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  // With SSO, Auth.js's own failures (the provider answered with an error, a bad callback) land on
  // the login page with `?error=`, which says what happened, rather than Auth.js's error page.
  pages: sso ? { ...authConfig.pages, error: "/login" } : authConfig.pages,
  providers: [
    Credentials({
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await authenticate(
          { email: credentials?.email, password: credentials?.password },
          { ip: clientIp(request) },
        ).catch((err: unknown) => {
          if (databaseUnavailable(err)) throw new UnavailableSignin();
          throw err;
        });
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          if (result.reason === "rate_limited") throw new RateLimitedSignin();
          if (result.reason === "disabled") throw new DisabledSignin();
          return null;
        }
        return {
          id: result.actor.id,
          email: result.actor.email,
          name: result.actor.name,
          role: result.actor.role,
          sessionVersion: result.sessionVersion,
        };
      },
    }),
    ...(sso ? [ssoProvider(sso)] : []),
  ],
  callbacks: {
    async signIn(params) {
      return sso ? ssoSignIn(sso, params) : true;
    },
    async jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) return { ...token, uid: user.id, role: user.role, sv: user.sessionVersion, authTime: now };
      // Absolute lifetime: a rolling cookie must not keep a session alive past 8 hours.
      if (typeof token.authTime !== "number" || now - token.authTime > SESSION_MAX_AGE_SECONDS) return null;
      // Checked on every request: disabled users, role and password changes end sessions at once.
      const actor = await loadSessionActor(token.uid, token.sv);
      if (!actor) return null;
      return { ...token, role: actor.role, name: actor.name, email: actor.email };
    },
    async session({ session, token }) {
      // The jwt callback ran first and ended any session whose token lacks the user, role or version.
      return {
        ...session,
        user: {
          ...session.user,
          id: String(token.uid),
          role: token.role!,
          name: token.name ?? session.user?.name,
          email: token.email ?? session.user?.email,
        },
        sv: token.sv!,
      };
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token && typeof token.uid === "string") await signOutEverywhere(token.uid);
    },
  },
});
