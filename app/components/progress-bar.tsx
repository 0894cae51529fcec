import type { ArticleProgress } from "@/lib/articles/article-view";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";

/**
 * Claims by verdict as a small bar, with the same figures in text beside it: the colours are a
 * summary for the eye, the text (with each verdict's glyph) is what carries the verdicts.
 */
export function ProgressBar({ progress }: { progress: ArticleProgress }) {
  const { total } = progress;
  const parts = VERDICTS.filter((v) => progress.byVerdict[v] > 0);
  const approved = progress.byStatus.approved;
  const inReview = progress.byStatus.in_review;
  return (
    <div className="progress-summary">
      <div className="progress" aria-hidden="true">
        {parts.map((v) => (
          <span
            key={v}
            className={`seg-${v}`}
            style={{ width: `${(progress.byVerdict[v] / total) * 100}%` }}
            title={`${VERDICT_INFO[v].label}: ${progress.byVerdict[v]}`}
          />
        ))}
      </div>
      <div className="legend">
        {total} claim{total === 1 ? "" : "s"} · {approved} approved · {inReview} in review
      </div>
      {parts.length > 0 && (
        <ul className="legend verdict-counts" aria-label="Claims by verdict">
          {parts.map((v) => (
            <li key={v}>
              <span aria-hidden="true" className="legend-icon">
                {VERDICT_INFO[v].icon}
              </span>{" "}
              {progress.byVerdict[v]} {VERDICT_INFO[v].label.toLowerCase()}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
