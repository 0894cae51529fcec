"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createWebhookAction, deleteWebhookAction, redeliverWebhookAction, updateWebhookAction } from "@/app/actions/webhooks";
import { Field } from "@/app/components/field";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/domain/vocabulary";
import { WEBHOOK_NAME_MAX } from "@/lib/webhooks/limits";
import { URL_MAX } from "@/lib/input-limits";
import { useServerAction } from "@/app/components/use-server-action";
import { ActionMessage } from "@/app/components/action-message";
import { OneTimeSecret, useOneTimeSecretForm } from "@/app/components/one-time-secret";
import type { ActionResult } from "@/lib/http/action";

const EVENT_HINTS: Record<WebhookEvent, string> = {
  "claim.approved": "a reviewer approved a claim",
  "claim.sent_back": "a reviewer sent a claim back to its editor",
  "report.published": "a report was published (or republished without a correction)",
  "report.corrected": "a republished report corrects a verdict",
  "report.unpublished": "a report was taken down",
};

/** New endpoint: the signing secret is shown once, here, and never again. */
export function CreateWebhookForm() {
  const { pending, error, fields, secret, submit } = useOneTimeSecretForm(createWebhookAction, (data) => ({
    name: String(data.get("name") ?? ""),
    url: String(data.get("url") ?? ""),
    events: data.getAll("events").map(String),
  }));

  const eventsError = Object.entries(fields).find(([k]) => k === "events" || k.startsWith("events."))?.[1];
  return (
    <form
      className="card form"
      aria-label="New webhook endpoint"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      <h2>New endpoint</h2>
      <ActionMessage state={{ error, notice: null }} />
      <OneTimeSecret secret={secret} testId="new-webhook-secret">
        Copy the signing secret now: it is shown only this once. The receiver checks each request&apos;s signature with it.
      </OneTimeSecret>
      <Field label="Name" hint="(what receives it, e.g. “CMS verdict sync”)" error={fields.name}>
        {(p) => <input {...p} name="name" required maxLength={WEBHOOK_NAME_MAX} />}
      </Field>
      <Field label="URL" hint="(https:// recommended; public addresses only)" error={fields.url}>
        {(p) => (
          <input {...p} name="url" type="url" required maxLength={URL_MAX} placeholder="https://cms.example/hooks/fact-check" />
        )}
      </Field>
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="checkbox">
            <input type="checkbox" name="events" value={event} /> <code>{event}</code>: {EVENT_HINTS[event]}
          </label>
        ))}
        {eventsError && <p className="error">{eventsError}</p>}
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add endpoint"}
      </button>
    </form>
  );
}

export function WebhookRowControls({
  id,
  name,
  enabled,
  version,
}: {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const action = useServerAction();
  const run = (fn: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action.run(fn);
      if (result.ok) router.refresh();
    });
  const { error } = action;
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`${enabled ? "Disable" : "Enable"} ${name}`}
        onClick={() => run(() => updateWebhookAction(id, { version, enabled: !enabled }))}
      >
        {enabled ? "Disable" : "Enable"}
      </button>{" "}
      <button
        type="button"
        className="danger"
        disabled={pending}
        aria-label={`Delete ${name}`}
        onClick={() => {
          if (!window.confirm(`Delete “${name}” and its delivery log? Nothing more is sent to it.`)) return;
          run(() => deleteWebhookAction(id));
        }}
      >
        Delete
      </button>
      {error && (
        <span role="alert" className="error">
          {" "}
          {error}
        </span>
      )}
    </>
  );
}

export function RedeliverButton({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await redeliverWebhookAction(webhookId, deliveryId);
            if (!result.ok) setMessage(result.error);
            else {
              const a = result.data!.attempt;
              setMessage(a.ok ? `Delivered (${a.statusCode}).` : `Failed: ${a.error ?? a.statusCode}`);
              router.refresh();
            }
          })
        }
      >
        {pending ? "Sending…" : "Redeliver"}
      </button>
      {message && <span role="status"> {message}</span>}
    </>
  );
}
