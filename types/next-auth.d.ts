// The fields the desk adds to Auth.js's user, token and session (lib/auth/auth.ts), declared once
// here so the callbacks read them typed instead of casting.
import type { DefaultSession } from "next-auth";
import type { Role } from "@/domain/vocabulary";

declare module "next-auth" {
  /** What a sign-in (password, or SSO once the desk matched the person) hands to the jwt callback. */
  interface User {
    role?: Role;
    sessionVersion?: number;
  }

  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
    /** The user's session version when this session began (a role or password change bumps it). */
    sv: number;
  }
}

declare module "next-auth/jwt" {
  /** The session cookie's claims; lib/auth/session-claims.ts reads the same ones without Auth.js. */
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
    /** When the user signed in (seconds): the absolute 8-hour limit counts from here. */
    authTime?: number;
  }
}
