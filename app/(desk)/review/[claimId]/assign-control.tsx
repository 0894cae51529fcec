"use client";

import { useRouter } from "next/navigation";
import { assignClaimAction } from "@/app/actions/workflow";
import { useServerAction } from "@/app/components/use-server-action";

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
  const { pending, error, fields, run } = useServerAction();

  async function assign(reviewerId: string | null) {
    const result = await run(() => assignClaimAction(claimId, { reviewerId }));
    if (result.ok) router.refresh();
  }

  return (
    <div className="row-controls">
      {!assignedToMe && mayTake && (
        <button type="button" className="secondary" onClick={() => void assign(myId)} disabled={pending}>
          Assign to me
        </button>
      )}
      {assigned && (
        <button type="button" className="secondary" onClick={() => void assign(null)} disabled={pending}>
          Unassign
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {fields.reviewerId ?? error}
        </p>
      )}
    </div>
  );
}
