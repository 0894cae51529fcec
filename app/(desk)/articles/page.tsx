import type { Metadata } from "next";
import Link from "next/link";
import { listArticles } from "@/lib/articles/read-articles";
import { getCurrentActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { pageData } from "@/lib/http/page";
import { ProgressBar } from "../../components/progress-bar";

export const metadata: Metadata = { title: "Articles" };

export default async function ArticlesPage() {
  const actor = await getCurrentActor();
  const articles = await pageData(() => listArticles(actor));
  return (
    <div className="page">
      <div className="toolbar">
        <h1 style={{ marginRight: "auto" }}>Articles</h1>
        {can(actor, "article:write") && (
          <Link className="button" href="/articles/new">
            New article
          </Link>
        )}
      </div>
      {articles.length === 0 ? (
        <p className="muted">No articles yet.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Articles and their fact-check progress</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Publisher</th>
              <th scope="col">Published</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/articles/${a.id}`}>{a.title}</Link>
                  {a.revision > 1 && <span className="muted"> · revision {a.revision}</span>}
                </td>
                <td>{a.publisher ?? "—"}</td>
                <td>{a.publishedAt ?? "—"}</td>
                <td>
                  <ProgressBar progress={a.progress} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
