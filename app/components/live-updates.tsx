"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { auditActionLabel } from "@/lib/audit/audit-actions";

/**
 * Live updates of one article (docs/live-updates.md): listens to its event stream, refetches the
 * page when something changed (router.refresh(): the server renders what this user may see; the
 * events carry ids only), says what happened, and shows who else has the article open.
 *
 * Reconnecting: EventSource retries a dropped connection by itself; when the server answered an
 * error status instead (restarting, shutting down, 429) it stops, and this retries with a growing
 * delay, unless the viewers endpoint says the session is gone. After any reconnect the page is
 * refetched: events sent while disconnected are not replayed.
 */
type LiveState = "connecting" | "connected" | "reconnecting" | "stopped";
type Viewer = { id: string; name: string };

const REFRESH_DEBOUNCE_MS = 150;
const MAX_RETRY_MS = 30_000;
/** A first connection this long after the page was rendered may have missed changes: refetch. */
const STALE_FIRST_CONNECT_MS = 3_000;

function describeChange(action: string): string {
  if (action === "article.revise") return "The text was corrected — claims re-anchored";
  return auditActionLabel(action);
}

export function LiveUpdates({ articleId, selfId }: { articleId: string; selfId: string }) {
  const router = useRouter();
  const [state, setState] = useState<LiveState>("connecting");
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const viewersRef = useRef<Viewer[]>([]);

  useEffect(() => {
    const mountedAt = Date.now();
    let source: EventSource | null = null;
    let connectedBefore = false;
    let stopped = false;
    let retryDelay = 1_000;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;

    const refresh = () => {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const stop = (why: string) => {
      stopped = true;
      source?.close();
      setState("stopped");
      setMessage(why);
    };
    const loadViewers = async () => {
      const res = await fetch(`/api/articles/${articleId}/viewers`, { cache: "no-store" }).catch(() => null);
      if (res?.status === 401) stop("Live updates stopped: you are signed out. Reload the page to sign in again.");
      if (!res?.ok) return;
      const body = (await res.json()) as { viewers: Viewer[] };
      viewersRef.current = body.viewers;
      setViewers(body.viewers);
    };
    const onChange = (event: MessageEvent<string>) => {
      const data = JSON.parse(event.data) as { action: string; actorId: string | null };
      refresh();
      if (data.action === "claim.reanchor" || data.actorId === selfId) return;
      const who = viewersRef.current.find((v) => v.id === data.actorId)?.name;
      setMessage(`${describeChange(data.action)}${who ? ` (${who})` : ""}.`);
    };

    const connect = () => {
      if (stopped) return;
      setState(connectedBefore ? "reconnecting" : "connecting");
      const es = new EventSource(`/api/articles/${articleId}/live`);
      source = es;
      es.addEventListener("ready", () => {
        retryDelay = 1_000;
        setState("connected");
        if (connectedBefore || Date.now() - mountedAt > STALE_FIRST_CONNECT_MS) refresh();
        connectedBefore = true;
        void loadViewers();
      });
      es.addEventListener("claim", onChange);
      es.addEventListener("article", onChange);
      es.addEventListener("presence", () => void loadViewers());
      es.addEventListener("resync", refresh);
      es.addEventListener("end", () => stop("Live updates stopped: you were signed out or lost access."));
      es.addEventListener("error", () => {
        if (stopped) return;
        if (es.readyState !== EventSource.CLOSED) {
          setState("reconnecting"); // the browser retries by itself
          return;
        }
        setState("reconnecting");
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => {
          void loadViewers().then(connect);
        }, retryDelay);
        retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(refreshTimer);
      source?.close();
    };
  }, [articleId, selfId, router]);

  const others = viewers.filter((v) => v.id !== selfId);
  return (
    <div className="live-updates muted" data-testid="live-updates" data-live={state}>
      <span data-testid="live-viewers">
        {others.length > 0 ? `Also open by ${others.map((v) => v.name).join(", ")}` : "Nobody else has this article open"}
        {state === "reconnecting" && " · reconnecting…"}
      </span>
      <span role="status" aria-live="polite" data-testid="live-message">
        {message && ` · ${message}`}
      </span>
    </div>
  );
}
