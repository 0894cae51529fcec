import type { NextAuthConfig } from "next-auth";
import { SESSION_MAX_AGE_SECONDS } from "../users/limits";

/**
 * The part of the Auth.js configuration that needs no database, shared by proxy.ts. The proxy
 * only redirects anonymous visitors to the login page; no permission depends on it.
 */
export const authConfig = {
  trustHost: true,
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
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
