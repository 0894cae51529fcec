"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import type { ActionResult } from "@/lib/http/action";
import { FILE_TOO_LARGE } from "@/lib/http/cross-site";
import { MAX_BODY_BYTES } from "@/lib/input-limits";
import { Field, uploadFieldErrors } from "./field";

const TOO_LARGE = FILE_TOO_LARGE;

/**
 * Submit handling shared by the forms that take an article's text pasted or as a file (new
 * article, new revision):
 * - a file over the limit is refused in the browser, before it travels only to be refused by the
 *   server;
 * - the form is submitted through startTransition instead of the form action, which resets the
 *   form after every submission, so what the user typed and picked survives a refusal;
 * - what is wrong with an uploaded file's text is said at the file field (uploadFieldErrors).
 */
export function useArticleBodyForm<T>(
  serverAction: (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>,
) {
  const [result, action, pending] = useActionState<ActionResult<T> | null, FormData>(serverAction, null);
  const [tooLarge, setTooLarge] = useState(false);
  const [sentFile, setSentFile] = useState(false);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formData = new FormData(e.currentTarget);
    const file = formData.get("file");
    const isTooLarge = file instanceof File && file.size > MAX_BODY_BYTES;
    setTooLarge(isTooLarge);
    setSentFile(file instanceof File && file.size > 0);
    if (isTooLarge) return;
    startTransition(() => action(formData));
  };

  const fields = uploadFieldErrors(tooLarge ? { file: TOO_LARGE } : result && !result.ok ? (result.fields ?? {}) : {}, sentFile);
  const summary = tooLarge ? TOO_LARGE : result && !result.ok ? result.error : null;
  return { result, action, pending, onSubmit, fields, summary };
}

/** How pasted text is to be read. */
export function BodyFormatField({ label, error }: { label: string; error?: string }) {
  return (
    <Field label={label} error={error}>
      {(p) => (
        <select {...p} name="format" defaultValue="text">
          <option value="text">Plain text</option>
          <option value="markdown">Markdown</option>
          <option value="html">HTML</option>
        </select>
      )}
    </Field>
  );
}

/** The article's text as a file; `insteadOf` names the text box it replaces. */
export function BodyFileField({ insteadOf, error }: { insteadOf: string; error?: string }) {
  return (
    <Field label="…or upload a file" hint={`(.txt, .md or .html, at most 2 MB; used instead of ${insteadOf})`} error={error}>
      {(p) => <input {...p} name="file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" />}
    </Field>
  );
}
