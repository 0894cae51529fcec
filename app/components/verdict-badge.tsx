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

const STATUS_LABEL = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
} as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS_LABEL }) {
  return <span className={`status status-${status}`}>{STATUS_LABEL[status]}</span>;
}

const ANCHOR_LABEL = {
  anchored: "Anchored",
  relocated: "Relocated",
  changed: "Text changed",
  ambiguous: "Ambiguous",
  orphaned: "Orphaned",
} as const;

export function AnchorBadge({ state }: { state: keyof typeof ANCHOR_LABEL }) {
  return <span className={`anchor-state anchor-${state}`}>{ANCHOR_LABEL[state]}</span>;
}
