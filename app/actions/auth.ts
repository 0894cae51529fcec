"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { ACCOUNT_DISABLED_MESSAGE } from "@/lib/auth/authenticate";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-provider";
import { ssoSettings } from "@/lib/env";

export interface LoginState {
  error?: string;
  email?: string;
}

const loginSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(1024),
  callbackUrl: z.string().max(2000).optional(),
});

/** Only same-site paths: an open redirect after login would be a phishing aid. */
function safeCallback(url: string | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  if (!(formData instanceof FormData)) return { error: "Enter your e-mail address and password." };
  const parsed = loginSchema.safeParse({
    email: formData.get("email") ?? "",
    password: formData.get("password") ?? "",
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) return { error: "Enter your e-mail address and password." };
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallback(callbackUrl) });
    return {};
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      return {
        email,
        error:
          code === "throttled"
            ? "Too many failed attempts for this account. Try again in 15 minutes."
            : code === "rate_limited"
              ? "Too many login attempts from your network. Try again in a minute."
              : code === "disabled"
                ? ACCOUNT_DISABLED_MESSAGE
                : code === "unavailable"
                  ? "The desk's database is not reachable right now. Please try again in a moment."
                  : "That e-mail address and password do not match an active account.",
      };
    }
    throw err; // the redirect after a successful sign-in
  }
}

const ssoSchema = z.object({ callbackUrl: z.string().max(2000).optional() });

/** Starts single sign-on: sends the browser to the provider, which sends it back to /api/auth/callback/oidc. */
export async function ssoSignInAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  if (!ssoSettings()) return { error: "Single sign-on is not set up on this desk." };
  const parsed = ssoSchema.safeParse({
    callbackUrl: formData instanceof FormData ? (formData.get("callbackUrl") ?? undefined) : undefined,
  });
  const callbackUrl = parsed.success ? parsed.data.callbackUrl : undefined;
  try {
    await signIn(SSO_PROVIDER_ID, { redirectTo: safeCallback(callbackUrl) });
    return {};
  } catch (err) {
    if (err instanceof AuthError) {
      // Discovery or the provider's address failed: the reason is in the server log (lib/auth/auth.config.ts).
      return { error: "The sign-in service could not be reached. Try again in a moment, or sign in with your password." };
    }
    throw err; // the redirect to the provider
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
