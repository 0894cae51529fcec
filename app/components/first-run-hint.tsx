import Link from "next/link";

/**
 * Shown on a desk with no article yet: how the first one gets there, and what comes next. Whoever
 * may not add articles (a reviewer) is told who does.
 */
export function FirstRunHint({ canAddArticles }: { canAddArticles: boolean }) {
  return (
    <section className="card first-run" aria-labelledby="first-run-title" data-testid="first-run-hint">
      <h2 id="first-run-title" style={{ marginTop: 0 }}>
        Your desk has no articles yet
      </h2>
      {canAddArticles ? (
        <>
          <p>Start with the article you want to fact-check:</p>
          <ol>
            <li>
              Press <strong>New article</strong>, then paste its text, upload a <code>.txt</code>, <code>.md</code> or{" "}
              <code>.html</code> file, or fetch it from its web address.
            </li>
            <li>
              In the article, select a claim with the mouse (or Shift+arrows) and press <kbd>M</kbd>, or accept one of the
              highlighted suggestions.
            </li>
            <li>Give each claim a verdict, a note and a source, then submit it for review.</li>
          </ol>
          <p>
            <Link className="button" href="/articles/new">
              Add the first article
            </Link>{" "}
            <span className="muted small">
              Press <kbd>?</kbd> on any page for the keyboard shortcuts.
            </span>
          </p>
        </>
      ) : (
        <p>
          Editors add articles and mark the claims in them; claims they submit for review will wait for you in the review queue.
        </p>
      )}
    </section>
  );
}
