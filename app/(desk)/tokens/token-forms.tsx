"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/actions/tokens";
import { Field } from "@/app/components/field";
import type { ApiTokenScope } from "@/domain/vocabulary";
import { TOKEN_NAME_MAX } from "@/lib/tokens/schemas";
import { useServerAction } from "@/app/components/use-server-action";
import { ActionMessage } from "@/app/components/action-message";
import { OneTimeSecret, useOneTimeSecretForm } from "@/app/components/one-time-secret";

const SCOPE_HINTS: Record<ApiTokenScope, string> = {
  read: "read articles, claims, reports and the queue",
  write: "import articles, mark and edit claims, comment, publish",
  review: "approve, send back and assign claims",
  admin: "manage users",
};

/** New token: the secret is shown once, here, and never again. */
export function CreateTokenForm({ allowedScopes }: { allowedScopes: ApiTokenScope[] }) {
  const { pending, error, fields, secret, submit } = useOneTimeSecretForm(createTokenAction, (data) => ({
    name: String(data.get("name") ?? ""),
    scopes: data.getAll("scopes").map(String),
    expiresInDays: String(data.get("expiresInDays") ?? ""),
  }));

  return (
    <form
      className="card form"
      aria-label="New API token"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      <h2>New token</h2>
      <ActionMessage state={{ error, notice: null }} />
      <OneTimeSecret secret={secret} testId="new-token-secret">
        Copy the token now: it is shown only this once. Send it as <code>Authorization: Bearer …</code>.
      </OneTimeSecret>
      <Field label="Name" hint="(what uses it, e.g. “CMS verdict widget”)" error={fields.name}>
        {(p) => <input {...p} name="name" required maxLength={TOKEN_NAME_MAX} />}
      </Field>
      <fieldset>
        <legend>Scopes</legend>
        {allowedScopes.map((scope) => (
          <label key={scope} className="checkbox">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} /> {scope}: {SCOPE_HINTS[scope]}
          </label>
        ))}
        {fields.scopes && <p className="error">{fields.scopes}</p>}
      </fieldset>
      <Field label="Expires after (days)" error={fields.expiresInDays}>
        {(p) => <input {...p} name="expiresInDays" type="number" min={1} max={365} defaultValue={90} />}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { error, run } = useServerAction();
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={pending}
        aria-label={`Revoke ${name}`}
        onClick={() => {
          if (!window.confirm(`Revoke “${name}”? Anything using it stops working at once.`)) return;
          startTransition(async () => {
            const result = await run(() => revokeTokenAction(tokenId));
            if (result.ok) router.refresh();
          });
        }}
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {error && <span className="error">{error}</span>}
    </>
  );
}
