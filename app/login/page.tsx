import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ACCOUNT_DISABLED_MESSAGE } from "@/lib/auth/authenticate";
import { getCurrentActor } from "@/lib/auth/current-user";
import { ssoErrorMessage } from "@/lib/auth/sso-sign-in";
import { ssoSettings } from "@/lib/env";
import { LoginForm } from "./login-form";
import { SsoSignIn } from "./sso-sign-in";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; reason?: string | string[]; error?: string | string[] }>;
}) {
  if (await getCurrentActor()) redirect("/");
  const { callbackUrl, reason, error } = await searchParams;
  const sso = ssoSettings();
  // Where single sign-on sends a refused or failed sign-in back to (`?error=`); without SSO the page is as it was.
  const ssoError = sso && typeof error === "string" ? ssoErrorMessage(error) : null;
  const callback = typeof callbackUrl === "string" ? callbackUrl : undefined;
  return (
    <main id="main" className="login-page">
      <h1>Fact-check Desk</h1>
      <p className="muted">Sign in to mark, check and review claims.</p>
      {reason === "disabled" && (
        <p role="status" className="notice">
          {ACCOUNT_DISABLED_MESSAGE}
        </p>
      )}
      {ssoError && (
        <p role="alert" className="error">
          {ssoError}
        </p>
      )}
      {sso && <SsoSignIn providerName={sso.name} callbackUrl={callback} />}
      <LoginForm callbackUrl={callback} />
    </main>
  );
}
