"use client";

import { useActionState } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction, openNotificationAction } from "@/app/actions/notifications";

function Refusal({ error }: { error: string }) {
  return (
    <span role="alert" className="field-error">
      {" "}
      {error}
    </span>
  );
}

/** The notification's sentence is a button: opening it marks it read and goes to the claim. */
export function OpenNotification({ id, summary }: { id: number; summary: string }) {
  const [result, action, pending] = useActionState(openNotificationAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="link-button notification-open" disabled={pending} data-testid="notification-open">
        {summary}
      </button>
      {result && !result.ok && <Refusal error={result.error} />}
    </form>
  );
}

export function MarkNotificationRead({ id }: { id: number }) {
  const [result, action, pending] = useActionState(markNotificationReadAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending || result?.ok === true}>
        {result?.ok ? "Read" : "Mark as read"}
      </button>
      {result && !result.ok && <Refusal error={result.error} />}
    </form>
  );
}

/** Stays on the page once everything is read (disabled), so its confirmation stays readable. */
export function MarkAllNotificationsRead({ upTo, disabled }: { upTo: number; disabled: boolean }) {
  const [result, action, pending] = useActionState(markAllNotificationsReadAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="upTo" value={upTo} />
      <button type="submit" className="secondary" disabled={pending || disabled}>
        Mark all as read
      </button>
      {result && !result.ok && <Refusal error={result.error} />}
      {result?.ok && (
        <span role="status" className="muted">
          {" "}
          {result.message}
        </span>
      )}
    </form>
  );
}
