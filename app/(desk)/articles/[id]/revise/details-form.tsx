"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { updateArticleAction } from "@/app/actions/articles";
import { ActionMessage } from "@/app/components/action-message";
import { Field } from "@/app/components/field";
import { useServerAction } from "@/app/components/use-server-action";
import { ARTICLE_LIMITS } from "@/lib/articles/schemas";

interface Details {
  title: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
}

/** The article's details (not its text): title, address, publisher, author, date. */
export function DetailsForm({ articleId, version, details }: { articleId: string; version: number; details: Details }) {
  const router = useRouter();
  const action = useServerAction();
  const { fields } = action;
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const input: Record<string, unknown> = { version };
    for (const key of ["title", "url", "publisher", "author", "publishedAt"] as const) {
      const value = String(fd.get(key) ?? "");
      if (value !== (details[key] ?? "")) input[key] = value;
    }
    const result = await action.run(() => updateArticleAction(articleId, input), "Details saved.");
    if (result.ok) router.refresh();
  };
  return (
    <form onSubmit={onSubmit} className="card form" aria-label="Article details">
      <ActionMessage state={action} />
      <Field label="Title" error={fields.title}>
        {(p) => <input {...p} name="title" required maxLength={ARTICLE_LIMITS.title} defaultValue={details.title} />}
      </Field>
      <Field label="Article URL" hint="(where it was published)" error={fields.url}>
        {(p) => <input {...p} name="url" type="url" defaultValue={details.url ?? ""} />}
      </Field>
      <Field label="Publisher" error={fields.publisher}>
        {(p) => <input {...p} name="publisher" maxLength={ARTICLE_LIMITS.publisher} defaultValue={details.publisher ?? ""} />}
      </Field>
      <Field label="Author" error={fields.author}>
        {(p) => <input {...p} name="author" maxLength={ARTICLE_LIMITS.author} defaultValue={details.author ?? ""} />}
      </Field>
      <Field label="Published date" error={fields.publishedAt}>
        {(p) => <input {...p} name="publishedAt" type="date" defaultValue={details.publishedAt ?? ""} />}
      </Field>
      <button type="submit" disabled={action.pending}>
        Save details
      </button>
    </form>
  );
}
