import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { getWebhook, listWebhookDeliveries } from "@/lib/webhooks/list-webhooks";
import { RedeliverButton } from "../webhook-forms";

export const metadata: Metadata = { title: "Webhook deliveries" };

const STATUS_LABEL = { pending: "Retrying", succeeded: "Delivered", failed: "Failed" } as const;

function when(iso: string | null): string {
  return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";
}

export default async function WebhookDeliveriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const { id } = await params;
  const raw = (await searchParams).page;
  const page = typeof raw === "string" && /^\d{1,5}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
  const actor = await getCurrentActor();
  const [webhook, log] = await pageData(() => Promise.all([getWebhook(actor, id), listWebhookDeliveries(actor, id, { page })]));
  return (
    <div className="page">
      <p>
        <Link href="/admin/webhooks">← Webhooks</Link>
      </p>
      <h1>Deliveries to {webhook.name}</h1>
      <p>
        <code>{webhook.url}</code> · {webhook.events.join(", ")} · {webhook.enabled ? "enabled" : "disabled"}
      </p>
      {log.deliveries.length === 0 ? (
        <p data-testid="no-deliveries">Nothing has been sent to this endpoint yet.</p>
      ) : (
        <table className="table" data-testid="webhook-deliveries">
          <caption className="sr-only">Deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.deliveries.map((d) => (
              <tr key={d.id} data-delivery-id={d.id}>
                <td>
                  <code>{d.event}</code>
                  <details>
                    <summary>Body</summary>
                    <pre className="wrap">{d.body}</pre>
                  </details>
                </td>
                <td>{when(d.createdAt)}</td>
                <td>{STATUS_LABEL[d.status]}</td>
                <td>
                  <ol reversed>
                    {d.attemptLog.map((a) => (
                      <li key={a.id}>
                        {when(a.at)}: {a.statusCode ?? "no answer"}
                        {a.error ? ` (${a.error})` : ""}, {a.durationMs} ms{a.manual ? ", by hand" : ""}
                      </li>
                    ))}
                  </ol>
                </td>
                <td>{webhook.enabled && <RedeliverButton webhookId={webhook.id} deliveryId={d.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.pages > 1 && (
        <nav aria-label="Pages of deliveries" className="toolbar">
          {log.page > 1 && <Link href={`/admin/webhooks/${webhook.id}?page=${log.page - 1}`}>← Newer</Link>}
          <span>
            Page {log.page} of {log.pages}
          </span>
          {log.page < log.pages && <Link href={`/admin/webhooks/${webhook.id}?page=${log.page + 1}`}>Older →</Link>}
        </nav>
      )}
    </div>
  );
}
