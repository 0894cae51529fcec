import type { Metadata } from "next";
import Link from "next/link";
import { getArticleRevision } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";

export const metadata: Metadata = { title: "Earlier revision" };

export default async function RevisionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const actor = await getCurrentActor();
  const revision = await pageData(() => getArticleRevision(actor, id, Number(number)));
  return (
    <div className="page narrow">
      <p>
        <Link href={`/articles/${id}`}>← Current revision</Link>
      </p>
      <h1>Revision {revision.number}</h1>
      <p className="muted">Saved {new Date(revision.createdAt).toUTCString()}</p>
      <div className="article-text">
        {revision.body.split("\n\n").map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </div>
  );
}
