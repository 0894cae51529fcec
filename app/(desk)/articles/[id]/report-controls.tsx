"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { publishReportAction, unpublishReportAction } from "@/app/actions/reports";
import { ExportMenu } from "./export-menu";

/** The Export menu (both variants) and Publish / Unpublish for editors and admins. */
export function ReportControls({
  articleId,
  canPublish,
  published,
  publicUrl,
  version,
}: {
  articleId: string;
  canPublish: boolean;
  published: boolean;
  publicUrl: string | null;
  version: number | null;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    setBusy(true);
    const r = await publishReportAction(articleId, { version: version ?? 0 });
    setBusy(false);
    if (r.ok && r.data) {
      setMessage({
        kind: "ok",
        text: `Published version ${r.data.version}${r.data.corrections ? ` with ${r.data.corrections} correction note(s)` : ""}.`,
      });
      router.refresh();
    } else if (!r.ok) setMessage({ kind: "error", text: r.error });
  };
  const unpublish = async () => {
    if (!window.confirm("Take the public report page down? It will answer “withdrawn” until you publish again.")) return;
    setBusy(true);
    const r = await unpublishReportAction(articleId);
    setBusy(false);
    if (r.ok) {
      setMessage({ kind: "ok", text: "The public page was taken down." });
      router.refresh();
    } else setMessage({ kind: "error", text: r.error });
  };
  return (
    <div className="row-controls">
      <ExportMenu articleId={articleId} />
      {canPublish && (
        <button type="button" onClick={() => void publish()} disabled={busy}>
          {published ? "Republish report" : "Publish report"}
        </button>
      )}
      {canPublish && published && (
        <button type="button" className="danger" onClick={() => void unpublish()} disabled={busy}>
          Unpublish
        </button>
      )}
      {published && publicUrl && (
        <a href={publicUrl} target="_blank" rel="noopener noreferrer">
          Public page (v{version})
        </a>
      )}
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "error" : "success"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
