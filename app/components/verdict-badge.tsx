import type { AnchorState } from "@/lib/anchoring/anchor";
import { ANCHOR_STATE_LABELS } from "@/lib/anchoring/anchor-words";
import { VERDICT_INFO, type Verdict } from "@/lib/claims/verdicts";

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const info = VERDICT_INFO[verdict];
  return (
    <span className={`verdict verdict-${verdict}`} title={info.meaning}>
      <span aria-hidden="true">{info.icon}</span>
      {info.label}
    </span>
  );
}

/** The desk's words for a claim's status (the article page's list writes them as text: desk-claims.ts). */
export const STATUS_BADGE_LABELS = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
} as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS_BADGE_LABELS }) {
  return <span className={`status status-${status}`}>{STATUS_BADGE_LABELS[status]}</span>;
}

export function AnchorBadge({ state }: { state: AnchorState }) {
  return <span className={`anchor-state anchor-${state}`}>{ANCHOR_STATE_LABELS[state]}</span>;
}
