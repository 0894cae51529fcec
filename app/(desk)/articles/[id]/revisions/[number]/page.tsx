import type { Metadata } from "next";
import Link from "next/link";
import { DiffText } from "@/app/components/text-diff";
import { getArticleRevision } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { splitParagraphs } from "@/lib/text/paragraphs";
import { countChangedWords, diffWords } from "@/lib/text/word-diff";

export const metadata: Metadata = { title: "Revision" };

export default async function RevisionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const actor = await getCurrentActor();
  const revision = await pageData(() => getArticleRevision(actor, id, Number(number)));
  const previous = revision.number > 1 ? await pageData(() => getArticleRevision(actor, id, revision.number - 1)) : null;
  const parts = previous ? diffWords(previous.body, revision.body) : null;
  const counts = parts ? countChangedWords(parts) : null;
  return (
    <div className="page narrow">
      <p>
        <Link href={`/articles/${id}`}>← Current revision</Link>
        {previous && (
          <>
            {" · "}
            <Link href={`/articles/${id}/revisions/${previous.number}`}>Revision {previous.number}</Link>
          </>
        )}
      </p>
      <h1>Revision {revision.number}</h1>
      <p className="muted">Saved {new Date(revision.createdAt).toUTCString()}</p>
      {parts && counts ? (
        <>
          <h2>What changed against revision {previous!.number}</h2>
          <p data-testid="diff-summary">
            {counts.inserted === 0 && counts.deleted === 0
              ? "No words changed (spacing or punctuation only)."
              : `${counts.inserted} ${counts.inserted === 1 ? "word" : "words"} inserted, ${counts.deleted} ${counts.deleted === 1 ? "word" : "words"} deleted.`}{" "}
            <span className="muted">Deleted words are struck through, inserted ones underlined.</span>
          </p>
          <div className="article-text revision-diff" data-testid="revision-diff">
            <DiffText parts={parts} />
          </div>
        </>
      ) : (
        <div className="article-text">
          {splitParagraphs(revision.body).map((p) => (
            <p key={p.start}>{p.chars.join("")}</p>
          ))}
        </div>
      )}
    </div>
  );
}
