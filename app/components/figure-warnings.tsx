import Link from "next/link";
import type { FigureWarning } from "@/lib/claim-figures/figure-warnings";

/**
 * The figure warnings of a claim (issue 12): the statement disagrees with the marked text, a figure
 * in the marked text changed, another approved claim says otherwise (linked). Shown on the claim
 * panel and the review page; a reviewer approving over them confirms them in the review form.
 */
export function FigureWarningList({ warnings, id }: { warnings: readonly FigureWarning[]; id?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="warning figure-warnings" data-testid="figure-warnings" role="note" aria-labelledby={id}>
      <p style={{ margin: 0 }} id={id}>
        <strong>{warnings.length === 1 ? "A figure needs checking" : `${warnings.length} figures need checking`}</strong>
      </p>
      <ul style={{ margin: "0.3rem 0 0", paddingLeft: "1.2rem" }}>
        {warnings.map((w) => (
          <li key={w.key} data-testid="figure-warning" data-kind={w.kind}>
            {w.message}
            {w.kind === "other-claim" && (
              <>
                {" "}
                <Link href={`/articles/${w.articleId}?claim=${w.claimId}`} data-testid="figure-warning-link">
                  See it in “{w.articleTitle}”
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
