import type { Metadata } from "next";
import { authorize } from "@/lib/auth/authorize";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { NewArticleForm } from "./new-article-form";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage() {
  const actor = await getCurrentActor();
  await pageData(() => authorize(actor, "article:write", { type: "article" }));
  return (
    <div className="page narrow">
      <h1>New article</h1>
      <p className="muted">Paste the text of the article, or upload it as a .txt, .md or .html file (at most 2 MB).</p>
      <NewArticleForm />
    </div>
  );
}
