import type { Metadata } from "next";
import Link from "next/link";
import { getArticleText } from "@/lib/articles/read-articles";
import { authorize } from "@/lib/auth/authorize";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { DetailsForm } from "./details-form";
import { ReviseForm } from "./revise-form";

export const metadata: Metadata = { title: "Correct the article" };

export default async function RevisePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getCurrentActor();
  await pageData(() => authorize(actor, "article:write", { type: "article", id }));
  const article = await pageData(() => getArticleText(actor, id));
  return (
    <div className="page narrow">
      <p>
        <Link href={`/articles/${article.id}`}>← {article.title}</Link>
      </p>
      <h1>Correct the article</h1>
      <p className="muted">
        Paste the corrected article. It becomes revision {article.revision + 1}; earlier revisions stay readable. Every claim
        follows the text, and a claim whose sentence changed is flagged (and sent back to review if it was approved).
      </p>
      <ReviseForm articleId={article.id} baseRevision={article.revision} body={article.body} />
      <h2>Article details</h2>
      <p className="muted">
        The title, address, publisher, author and date shown in reports. The report&apos;s web address does not change.
      </p>
      <DetailsForm
        articleId={article.id}
        version={article.version}
        details={{
          title: article.title,
          url: article.url,
          publisher: article.publisher,
          author: article.author,
          publishedAt: article.publishedAt,
        }}
      />
    </div>
  );
}
