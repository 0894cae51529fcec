import type { NextAuthConfig } from "next-auth";
import { SESSION_IDLE_SECONDS } from "../users/limits";

/**
 * The part of the Auth.js configuration that needs no database, shared by proxy.ts. The proxy
 * only redirects anonymous visitors to the login page; no permission depends on it.
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/login" },
  // Idle timeout: the cookie lapses after 2 h without a request (it is renewed at most every 15 min
  // by the proxy); the absolute 8 h limit is enforced from the login time in the jwt callback.
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 15 * 60 },
  providers: [],
  logger: {
    error(error) {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      console.error(`[auth] ${type}: ${error.message}`);
    },
    warn(code) {
      if (code === "debug-enabled") return;
      console.warn(`[auth] ${code}`);
    },
  },
} satisfies NextAuthConfig;
