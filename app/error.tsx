"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="page narrow">
      <h1>Something went wrong</h1>
      <p>The page could not be shown. Nothing you saved was lost.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
