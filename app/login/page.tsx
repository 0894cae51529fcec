import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ACCOUNT_DISABLED_MESSAGE } from "@/lib/auth/authenticate";
import { getCurrentActor } from "@/lib/auth/current-user";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; reason?: string | string[] }>;
}) {
  if (await getCurrentActor()) redirect("/");
  const { callbackUrl, reason } = await searchParams;
  return (
    <main id="main" className="login-page">
      <h1>Fact-check Desk</h1>
      <p className="muted">Sign in to mark, check and review claims.</p>
      {reason === "disabled" && (
        <p role="status" className="notice">
          {ACCOUNT_DISABLED_MESSAGE}
        </p>
      )}
      <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
    </main>
  );
}
