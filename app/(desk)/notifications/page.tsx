import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageListData } from "@/lib/http/page";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { formatWhen } from "@/lib/workflow/history-text";
import { MarkAllNotificationsRead, MarkNotificationRead, OpenNotification } from "./notification-forms";

export const metadata: Metadata = { title: "Notifications" };

function notificationsHref(unread: boolean, before?: string): string {
  const params = new URLSearchParams();
  if (unread) params.set("unread", "1");
  if (before) params.set("before", before);
  const qs = params.toString();
  return qs ? `/notifications?${qs}` : "/notifications";
}

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getCurrentActor();
  const raw = await searchParams;
  const unread = raw.unread === "1";
  const before = typeof raw.before === "string" && raw.before ? raw.before : undefined;
  const {
    data: { items, next },
    filterError,
  } = await pageListData((query) => listNotifications(actor, query), {
    ...(unread ? { unread: "1" as const } : {}),
    ...(before ? { before } : {}),
  });
  const newest = items[0];
  const anyUnread = items.some((n) => !n.read);
  const now = new Date();

  return (
    <div className="page narrow-list">
      <div className="toolbar">
        <h1 style={{ marginRight: "auto" }}>Notifications</h1>
        {newest && !before && <MarkAllNotificationsRead upTo={newest.id} disabled={!anyUnread} />}
      </div>
      <nav aria-label="Show" className="row-controls" style={{ marginBottom: "0.75rem" }}>
        {unread ? <Link href="/notifications">All</Link> : <span aria-current="page">All</span>}
        {unread ? <span aria-current="page">Unread only</span> : <Link href="/notifications?unread=1">Unread only</Link>}
      </nav>
      {filterError && (
        <p role="alert" className="error">
          {filterError}
        </p>
      )}
      {items.length === 0 ? (
        <div className="card empty-state" data-testid="notifications-empty">
          <p style={{ margin: 0 }}>
            {unread ? "Nothing unread." : "Nothing yet. When someone reviews, comments on or assigns your claims, it shows here."}
          </p>
        </div>
      ) : (
        <ol className="notification-list" data-testid="notifications">
          {items.map((n) => (
            <li
              key={n.id}
              className={n.read ? "notification" : "notification unread"}
              data-testid="notification"
              data-kind={n.kind}
              data-read={n.read}
            >
              <div className="notification-head">
                {!n.read && <span className="unread-dot">Unread</span>}
                <OpenNotification id={n.id} summary={n.summary} />
                <time className="muted small" dateTime={n.createdAt}>
                  {formatWhen(n.createdAt, { now })} (UTC)
                </time>
              </div>
              <div className="small">
                <span className="quote">{n.claim.statement}</span> <span className="muted">in {n.article.title}</span>
              </div>
              {n.detail && <p className="notification-detail">{n.detail}</p>}
              {!n.read && <MarkNotificationRead id={n.id} />}
            </li>
          ))}
        </ol>
      )}
      {(next || before) && (
        <nav aria-label="Notification pages" className="row-controls" style={{ marginTop: "0.75rem" }}>
          {before && <Link href={notificationsHref(unread)}>Newest</Link>}
          {next && (
            <Link href={notificationsHref(unread, next)} rel="next">
              Older
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
