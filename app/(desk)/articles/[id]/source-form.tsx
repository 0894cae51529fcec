"use client";

import { useState, type FormEvent } from "react";
import { addSourceAction, updateSourceAction } from "@/app/actions/claims";
import { Field } from "@/app/components/field";
import { useServerAction } from "@/app/components/use-server-action";
import type { ClaimView, SourceView } from "@/lib/claims/claim-view";
import { SOURCE_LIMITS } from "@/lib/claims/limits";
import { URL_MAX } from "@/lib/input-limits";

/** Adds a source to a claim, or edits one (given `source`); field errors come from the server's schema. */
export function SourceForm({
  claimId,
  claimVersion,
  source,
  onDone,
}: {
  claimId: string;
  /** The claim version this form was shown for: a source edit on a stale claim is a 409. */
  claimVersion: number;
  source?: SourceView;
  onDone: (c: ClaimView | null) => void;
}) {
  const { pending, error, fields, run } = useServerAction();
  const [key, setKey] = useState(0);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const input = {
      url: String(fd.get("url") ?? ""),
      title: String(fd.get("title") ?? ""),
      publisher: String(fd.get("publisher") ?? ""),
      quote: String(fd.get("quote") ?? ""),
      accessedAt: String(fd.get("accessedAt") ?? ""),
      kind: String(fd.get("kind") ?? "secondary"),
      internal: fd.get("internal") === "on",
      claimVersion,
    };
    const result = await run(() => (source ? updateSourceAction(claimId, source.id, input) : addSourceAction(claimId, input)));
    if (!result.ok) return;
    setKey((k) => k + 1); // clears the add form
    onDone(result.data?.claim ?? null);
  };
  return (
    <form
      key={key}
      onSubmit={onSubmit}
      aria-label={source ? `Edit source ${source.title}` : "Add a source"}
      style={{ display: "grid", gap: "0.4rem", marginTop: "0.6rem" }}
      className="stack"
    >
      {!source && <h4 style={{ margin: "0.5rem 0 0" }}>Add a source</h4>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <Field label="Source URL" error={fields.url}>
        {(p) => <input {...p} name="url" type="url" required maxLength={URL_MAX} defaultValue={source?.url} />}
      </Field>
      <Field label="Source title" error={fields.title}>
        {(p) => <input {...p} name="title" required maxLength={SOURCE_LIMITS.title} defaultValue={source?.title} />}
      </Field>
      <Field label="Source publisher" error={fields.publisher}>
        {(p) => <input {...p} name="publisher" maxLength={SOURCE_LIMITS.publisher} defaultValue={source?.publisher ?? ""} />}
      </Field>
      <Field label="Quoted passage" hint="(what supports the verdict)" error={fields.quote}>
        {(p) => <textarea {...p} name="quote" rows={2} maxLength={SOURCE_LIMITS.quote} defaultValue={source?.quote ?? ""} />}
      </Field>
      <Field label="Accessed date" error={fields.accessedAt}>
        {(p) => (
          <input
            {...p}
            name="accessedAt"
            type="date"
            defaultValue={source?.accessedAt ?? new Date().toISOString().slice(0, 10)}
          />
        )}
      </Field>
      <Field label="Kind" error={fields.kind}>
        {(p) => (
          <select {...p} name="kind" defaultValue={source?.kind ?? "primary"}>
            <option value="primary">Primary</option>
            <option value="secondary">Secondary</option>
          </select>
        )}
      </Field>
      <label style={{ display: "flex", gap: "0.4rem", alignItems: "center", fontWeight: 400 }}>
        <input name="internal" type="checkbox" defaultChecked={source?.internal ?? false} /> Internal only — never exported or
        published
      </label>
      <div className="row-controls">
        <button type="submit" disabled={pending}>
          {source ? "Save source" : "Add source"}
        </button>
        {source && (
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
