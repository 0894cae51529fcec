import type { Metadata } from "next";
import { NewArticleForm } from "./new-article-form";

export const metadata: Metadata = { title: "New article" };

export default function NewArticlePage() {
  return (
    <div className="page narrow">
      <h1>New article</h1>
      <p className="muted">Paste the text of the article, or upload it as a .txt, .md or .html file (at most 2 MB).</p>
      <NewArticleForm />
    </div>
  );
}
