import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { CreateWebhookForm, WebhookRowControls } from "./webhook-forms";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await getCurrentActor();
  const webhooks = await pageData(() => listWebhooks(actor)); // 403 page for non-admins
  return (
    <div className="page">
      <p>
        <Link href="/admin">← Users</Link>
      </p>
      <h1>Webhooks</h1>
      <p>
        The desk POSTs a signed JSON message to each endpoint when a claim is approved or sent back, and when a report is
        published, corrected or taken down. Failed deliveries are retried with growing delays. How to check the signature: the API
        reference (<code>docs/api.md</code>, Webhooks).
      </p>
      <CreateWebhookForm />
      <table className="table">
        <caption className="sr-only">Webhook endpoints</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Secret starts with</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {webhooks.length === 0 && (
            <tr>
              <td colSpan={6}>No endpoints yet.</td>
            </tr>
          )}
          {webhooks.map((w) => (
            <tr key={w.id} data-webhook-name={w.name}>
              <td>
                <Link href={`/admin/webhooks/${w.id}`}>{w.name}</Link>
              </td>
              <td>
                <code>{w.url}</code>
              </td>
              <td>{w.events.join(", ")}</td>
              <td>
                <code>{w.secretPrefix}…</code>
              </td>
              <td>{w.enabled ? "Enabled" : "Disabled"}</td>
              <td>
                <WebhookRowControls id={w.id} name={w.name} enabled={w.enabled} version={w.version} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
