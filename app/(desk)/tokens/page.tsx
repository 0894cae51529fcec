import type { Metadata } from "next";
import { getCurrentActor } from "@/lib/auth/current-user";
import { scopesAllowedFor } from "@/lib/auth/permissions";
import { pageData } from "@/lib/http/page";
import { listApiTokens } from "@/lib/tokens/list-tokens";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };

const STATE_LABEL = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

export default async function TokensPage() {
  const actor = await getCurrentActor();
  const tokens = await pageData(() => listApiTokens(actor));
  const role = actor?.role ?? "editor";
  return (
    <div className="page">
      <h1>API tokens</h1>
      <p>
        Tokens let a CMS or a script use the desk&apos;s JSON API (see the API reference) as you, limited to the scopes you give
        them. Revoking one takes effect at once.
      </p>
      <CreateTokenForm allowedScopes={scopesAllowedFor(role)} />
      <table className="table">
        <caption className="sr-only">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">User</th>
            <th scope="col">Scopes</th>
            <th scope="col">Starts with</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={8}>No tokens yet.</td>
            </tr>
          )}
          {tokens.map((t) => (
            <tr key={t.id} data-token-name={t.name}>
              <td>{t.name}</td>
              <td>{t.user.name}</td>
              <td>{t.scopes.join(", ")}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{t.expiresAt.slice(0, 10)}</td>
              <td>{t.lastUsedAt ? `${t.lastUsedAt.slice(0, 16).replace("T", " ")} UTC` : "never"}</td>
              <td>{STATE_LABEL[t.state]}</td>
              <td>{t.state === "active" && <RevokeTokenButton tokenId={t.id} name={t.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
