"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { assignClaimAction } from "@/app/actions/workflow";

/** "Assign to me" / "Unassign": advisory, so it carries no claim version. */
export function AssignControl({
  claimId,
  myId,
  assignedToMe,
  assigned,
  mayTake,
}: {
  claimId: string;
  myId: string;
  assignedToMe: boolean;
  assigned: boolean;
  /** False when the four-eyes rule would make the server refuse "Assign to me". */
  mayTake: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function assign(reviewerId: string | null) {
    setBusy(true);
    setError(null);
    const result = await assignClaimAction(claimId, { reviewerId });
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(result.fields?.reviewerId ?? result.error);
  }

  return (
    <div className="row-controls">
      {!assignedToMe && mayTake && (
        <button type="button" className="secondary" onClick={() => void assign(myId)} disabled={busy}>
          Assign to me
        </button>
      )}
      {assigned && (
        <button type="button" className="secondary" onClick={() => void assign(null)} disabled={busy}>
          Unassign
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
