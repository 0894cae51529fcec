import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { actorForPage } from "@/lib/http/page";
import { countWaiting } from "@/lib/workflow/list-queue";
import { countDueClaims } from "@/lib/recheck/list-due-claims";
import { countUnreadNotifications, UNREAD_COUNT_CAP } from "@/lib/notifications/count-unread-notifications";
import { signOutAction } from "../actions/auth";
import { ShortcutsSheet } from "../components/shortcuts-sheet";
import { SEARCH_LIMITS } from "@/lib/search/search-schemas";

export const dynamic = "force-dynamic";

/** The signed-in shell. Each page still asks lib/ for what it shows; this only lays it out. */
export default async function DeskLayout({ children }: { children: ReactNode }) {
  const actor = await actorForPage(await getCurrentActor());
  if ("unavailable" in actor) {
    return (
      <main id="main" className="page narrow">
        <h1>Temporarily unavailable</h1>
        <p role="alert">{actor.unavailable}</p>
        <p>Nothing was lost. Reload this page in a moment.</p>
      </main>
    );
  }
  // The header's counters on every desk page: independent single-row queries, sent together.
  const [waiting, due, unread] = await Promise.all([
    can(actor, "queue:read") ? countWaiting(actor) : null,
    can(actor, "claim:read") ? countDueClaims(actor) : 0,
    can(actor, "claim:read") ? countUnreadNotifications(actor) : 0,
  ]);
  const unreadText = unread >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(unread);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          Fact-check Desk
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/">My work</Link>
            </li>
            <li>
              <Link href="/articles">Articles</Link>
            </li>
            {can(actor, "queue:read") && (
              <li>
                <Link
                  href="/queue"
                  aria-label={`Review queue, ${waiting?.waiting ?? 0} waiting${waiting?.assignedToMe ? `, ${waiting.assignedToMe} assigned to you` : ""}`}
                  data-testid="queue-link"
                >
                  Review queue
                  {waiting && waiting.waiting > 0 && (
                    <span className="badge" aria-hidden="true" data-testid="queue-count">
                      {waiting.waiting}
                    </span>
                  )}
                </Link>
              </li>
            )}
            {can(actor, "claim:read") && (
              <li>
                <Link href="/recheck" aria-label={`Due for re-check, ${due}`} data-testid="recheck-link">
                  Due for re-check
                  {due > 0 && (
                    <span className="badge" aria-hidden="true" data-testid="recheck-count">
                      {due}
                    </span>
                  )}
                </Link>
              </li>
            )}
            {can(actor, "claim:read") && (
              <li>
                <Link href="/dashboard">Dashboard</Link>
              </li>
            )}
            {can(actor, "claim:read") && (
              <li>
                <Link href="/notifications" aria-label={`Notifications, ${unreadText} unread`} data-testid="notifications-link">
                  Notifications
                  {unread > 0 && (
                    <span className="badge" aria-hidden="true" data-testid="unread-count">
                      {unreadText}
                    </span>
                  )}
                </Link>
              </li>
            )}
            {can(actor, "user:manage") && (
              <li>
                <Link href="/admin">Admin</Link>
              </li>
            )}
          </ul>
        </nav>
        <form method="get" action="/search" role="search" aria-label="Search the desk" className="header-search">
          <label htmlFor="header-search" className="sr-only">
            Search claims, sources and articles
          </label>
          <input
            id="header-search"
            type="search"
            name="q"
            placeholder="Search claims, figures, sources…"
            maxLength={SEARCH_LIMITS.q}
          />
          <button type="submit" className="secondary">
            Search
          </button>
        </form>
        <div className="account">
          <span data-testid="signed-in-user">
            {actor.name} <span className="role-badge">{actor.role}</span>
          </span>
          <Link href="/tokens">API tokens</Link>
          <form action={signOutAction}>
            <button type="submit" className="link-button">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main">{children}</main>
      <ShortcutsSheet />
    </>
  );
}
