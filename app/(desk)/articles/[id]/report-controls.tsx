"use client";

import { useRouter } from "next/navigation";
import { publishReportAction, unpublishReportAction } from "@/app/actions/reports";
import { ActionMessage } from "@/app/components/action-message";
import { useServerAction } from "@/app/components/use-server-action";
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
  const action = useServerAction();
  const publish = async () => {
    const r = await action.run(
      () => publishReportAction(articleId, { version: version ?? 0 }),
      (data) => `Published version ${data.version}${data.corrections ? ` with ${data.corrections} correction note(s)` : ""}.`,
    );
    if (r.ok) router.refresh();
  };
  const unpublish = async () => {
    if (!window.confirm("Take the public report page down? It will answer “withdrawn” until you publish again.")) return;
    const r = await action.run(() => unpublishReportAction(articleId), "The public page was taken down.");
    if (r.ok) router.refresh();
  };
  return (
    <div className="row-controls">
      <ExportMenu articleId={articleId} />
      {canPublish && (
        <button type="button" onClick={() => void publish()} disabled={action.pending}>
          {published ? "Republish report" : "Publish report"}
        </button>
      )}
      {canPublish && published && (
        <button type="button" className="danger" onClick={() => void unpublish()} disabled={action.pending}>
          Unpublish
        </button>
      )}
      {published && publicUrl && (
        <a href={publicUrl} target="_blank" rel="noopener noreferrer">
          Public page (v{version})
        </a>
      )}
      <ActionMessage state={action} />
    </div>
  );
}
