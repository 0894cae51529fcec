"use client";

import { useRouter } from "next/navigation";
import { deleteClaimAction } from "@/app/actions/claims";
import { useServerAction } from "@/app/components/use-server-action";

/** For a draft marked by mistake; the server refuses anything that was ever reviewed. */
export function DeleteClaimButton({ articleId, claimId, version }: { articleId: string; claimId: string; version: number }) {
  const router = useRouter();
  const { pending, error, run } = useServerAction();
  const remove = async () => {
    if (!window.confirm("Delete this draft claim? It stays in the audit log.")) return;
    const result = await run(() => deleteClaimAction(claimId, { version }));
    if (!result.ok) return;
    router.push(`/articles/${articleId}`, { scroll: false });
    router.refresh();
  };
  return (
    <div className="row-controls">
      <button type="button" className="danger" onClick={() => void remove()} disabled={pending}>
        Delete draft claim
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
