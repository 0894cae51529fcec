import type { ArticleProgress } from "@/lib/articles/article-view";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";

/** Claims by verdict as a small bar, with the same figures in text for screen readers and print. */
export function ProgressBar({ progress }: { progress: ArticleProgress }) {
  const { total } = progress;
  const parts = VERDICTS.filter((v) => progress.byVerdict[v] > 0);
  const summary = total === 0
    ? "No claims yet"
    : parts.map((v) => `${progress.byVerdict[v]} ${VERDICT_INFO[v].label.toLowerCase()}`).join(", ");
  const approved = progress.byStatus.approved;
  const inReview = progress.byStatus.in_review;
  return (
    <div>
      <div className="progress" role="img" aria-label={`Claims by verdict: ${summary}`}>
        {parts.map((v) => (
          <span key={v} className={`seg-${v}`} style={{ width: `${(progress.byVerdict[v] / total) * 100}%` }} title={`${VERDICT_INFO[v].label}: ${progress.byVerdict[v]}`} />
        ))}
      </div>
      <div className="legend">
        {total} claim{total === 1 ? "" : "s"} · {approved} approved · {inReview} in review
      </div>
    </div>
  );
}
