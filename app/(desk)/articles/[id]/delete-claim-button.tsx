"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteClaimAction } from "@/app/actions/claims";

/** For a draft marked by mistake; the server refuses anything that was ever reviewed. */
export function DeleteClaimButton({ articleId, claimId, version }: { articleId: string; claimId: string; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (!window.confirm("Delete this draft claim? It stays in the audit log.")) return;
    setBusy(true);
    const result = await deleteClaimAction(claimId, { version });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    router.push(`/articles/${articleId}`, { scroll: false });
    router.refresh();
  };
  return (
    <div className="row-controls">
      <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
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
