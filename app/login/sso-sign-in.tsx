"use client";

import { useActionState } from "react";
import { type LoginState, ssoSignInAction } from "../actions/auth";

/** "Sign in with <provider>": shown only when the desk configured single sign-on. */
export function SsoSignIn({ providerName, callbackUrl }: { providerName: string; callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(ssoSignInAction, {});
  return (
    <form action={formAction} className="card form" aria-label="Single sign-on">
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <button type="submit" disabled={pending}>
        {pending ? "Opening sign-in…" : `Sign in with ${providerName}`}
      </button>
    </form>
  );
}
