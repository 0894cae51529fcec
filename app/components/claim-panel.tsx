"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { addSourceAction, removeSourceAction, updateClaimAction, updateSourceAction } from "@/app/actions/claims";
import type { ClaimView, SourceView } from "@/lib/claims/claim-view";
import { inferClaimantType } from "@/lib/claims/claimant-type";
import { VERDICT_INFO, VERDICTS, type Verdict } from "@/lib/claims/verdicts";
import { Field } from "./field";
import { OldAndNewText } from "./old-and-new-text";
import { QuotedText } from "./quoted-text";
import { SourceSummary } from "./source-summary";
import { AnchorBadge, StatusBadge, VerdictBadge } from "./verdict-badge";
import { WorkflowSection } from "./workflow-section";

type Editable = {
  claimant: string;
  claimantType: "Person" | "Organization";
  statement: string;
  claimDate: string;
  claimPlace: string;
  verdict: Verdict;
  rationale: string;
};

const FIELD_LABELS: Record<keyof Editable, string> = {
  claimant: "Claimant",
  claimantType: "Claimant type",
  statement: "Claim statement",
  claimDate: "Claim date",
  claimPlace: "Where it was made",
  verdict: "Verdict",
  rationale: "How we checked",
};

function editableOf(c: ClaimView): Editable {
  return {
    claimant: c.claimant ?? "",
    claimantType: c.claimantType,
    statement: c.statement,
    claimDate: c.claimDate ?? "",
    claimPlace: c.claimPlace ?? "",
    verdict: c.verdict,
    rationale: c.rationale,
  };
}

export function ClaimPanel({
  claim,
  canWrite,
  currentText,
  canReview,
}: {
  claim: ClaimView;
  canWrite: boolean;
  currentText: string | null;
  /** Whether the reader may review claims (only changes how the review link reads). */
  canReview?: boolean;
}) {
  const router = useRouter();
  const [form, setForm] = useState<Editable>(() => editableOf(claim));
  const [baseVersion, setBaseVersion] = useState(claim.version);
  const [saved, setSaved] = useState<Editable>(() => editableOf(claim));
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string; fields?: Record<string, string> } | null>(null);
  const [conflict, setConflict] = useState<ClaimView | null>(null);
  const [busy, setBusy] = useState(false);

  const dirty = (Object.keys(form) as (keyof Editable)[]).some((k) => form[k] !== saved[k]);

  // The page re-renders with a newer claim after router.refresh() (a workflow step, a reviewer's
  // decision, someone's edit). A clean form follows it; a dirty one keeps the user's text and
  // meets the change as a 409 on save.
  const [seenVersion, setSeenVersion] = useState(claim.version);
  if (claim.version !== seenVersion) {
    setSeenVersion(claim.version);
    if (claim.version > baseVersion && !dirty && !conflict) {
      setBaseVersion(claim.version);
      setSaved(editableOf(claim));
      setForm(editableOf(claim));
    }
  }
  const set = <K extends keyof Editable>(key: K, value: Editable[K]) => setForm((f) => ({ ...f, [key]: value }));
  // The type follows the name while it is still the guess (the server does the same), so the
  // editor sees "Organization" appear for "the town council" and can change it.
  const setClaimant = (claimant: string) =>
    setForm((f) => ({
      ...f,
      claimant,
      claimantType: f.claimantType === inferClaimantType(f.claimant) ? inferClaimantType(claimant) : f.claimantType,
    }));

  async function save(version: number) {
    setBusy(true);
    setStatus(null);
    const changes: Record<string, unknown> = { version };
    for (const k of Object.keys(form) as (keyof Editable)[]) if (form[k] !== saved[k]) changes[k] = form[k];
    const result = await updateClaimAction(claim.id, changes);
    setBusy(false);
    if (result.ok && result.data) {
      setConflict(null);
      setBaseVersion(result.data.version);
      setSaved(editableOf(result.data));
      setForm(editableOf(result.data));
      setStatus({ kind: "ok", text: `Saved (version ${result.data.version}).` });
      router.refresh();
      return;
    }
    if (!result.ok && result.code === "conflict" && result.details?.current) {
      // Keep everything the user typed; show theirs beside it.
      setConflict(result.details.current as ClaimView);
      setStatus({ kind: "error", text: result.error });
      return;
    }
    if (!result.ok) setStatus({ kind: "error", text: result.error, fields: result.fields });
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(baseVersion);
  };

  const takeTheirs = () => {
    if (!conflict) return;
    setBaseVersion(conflict.version);
    setSaved(editableOf(conflict));
    setForm(editableOf(conflict));
    setConflict(null);
    setStatus(null);
    router.refresh();
  };

  const keepMine = () => {
    if (!conflict) return;
    // Save my values over theirs, knowingly: based on their version, so a third edit still conflicts.
    setSaved(editableOf(conflict));
    const version = conflict.version;
    setBaseVersion(version);
    setConflict(null);
    void (async () => {
      const changes: Record<string, unknown> = { version };
      const theirs = editableOf(conflict);
      for (const k of Object.keys(form) as (keyof Editable)[]) if (form[k] !== theirs[k]) changes[k] = form[k];
      setBusy(true);
      const result = await updateClaimAction(claim.id, changes);
      setBusy(false);
      if (result.ok && result.data) {
        setBaseVersion(result.data.version);
        setSaved(editableOf(result.data));
        setForm(editableOf(result.data));
        setStatus({ kind: "ok", text: `Saved (version ${result.data.version}).` });
        router.refresh();
      } else if (!result.ok) {
        if (result.code === "conflict" && result.details?.current) setConflict(result.details.current as ClaimView);
        setStatus({ kind: "error", text: result.error, fields: result.fields });
      }
    })();
  };

  const onWorkflowChange = (next: ClaimView) => {
    // A submit or withdraw is a new version of the claim; the form's fields did not change.
    if (!dirty) {
      setSaved(editableOf(next));
      setForm(editableOf(next));
    }
    setBaseVersion(next.version);
    router.refresh();
  };

  const onWorkflowConflict = (current: ClaimView) => {
    // Nothing typed to lose: catch up with the claim as it is now. Otherwise the save shows the conflict.
    if (!dirty && !conflict) {
      setBaseVersion(current.version);
      setSaved(editableOf(current));
      setForm(editableOf(current));
    }
    router.refresh();
  };

  const onSourceChange = (next: ClaimView) => {
    // Our own source edit bumps the version by one; anything else is someone else's change.
    if (next.version === baseVersion + 1) setBaseVersion(next.version);
    router.refresh();
  };

  const disabled = !canWrite || busy;
  const verdictErrorId = useId();
  const fields = status?.kind === "error" ? status.fields : undefined;

  return (
    <section className="card" aria-labelledby="claim-panel-title" data-testid="claim-panel" data-claim-id={claim.id}>
      <h2 id="claim-panel-title" style={{ marginTop: 0 }}>
        Claim
      </h2>
      <p className="quote" style={{ fontFamily: "Georgia, serif" }}>
        <QuotedText text={claim.exact} />
      </p>
      <p className="row-controls">
        <VerdictBadge verdict={claim.verdict} />
        <StatusBadge status={claim.status} />
        <AnchorBadge state={claim.anchorState} />
        <span className="muted">version {claim.version}</span>
      </p>
      <WorkflowSection
        claim={claim}
        version={baseVersion}
        verdict={baseVersion > claim.version ? saved.verdict : claim.verdict}
        rationale={baseVersion > claim.version ? saved.rationale : claim.rationale}
        dirty={dirty}
        canSubmit={canWrite}
        canReview={canReview}
        onChange={onWorkflowChange}
        onConflict={onWorkflowConflict}
      />
      {(claim.anchorState === "changed" || claim.anchorState === "ambiguous") && currentText !== null && (
        <OldAndNewText marked={claim.exact} now={currentText} />
      )}

      {conflict && (
        <div className="conflict" role="alert" data-testid="conflict">
          <p>
            <strong>Someone else changed this claim</strong> (now version {conflict.version}). Your changes are still in the form
            below and were not saved.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Their version</th>
                <th scope="col">Yours</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(FIELD_LABELS) as (keyof Editable)[])
                .filter((k) => editableOf(conflict)[k] !== form[k])
                .map((k) => (
                  <tr key={k}>
                    <th scope="row">{FIELD_LABELS[k]}</th>
                    <td>
                      {k === "verdict"
                        ? VERDICT_INFO[editableOf(conflict).verdict].label
                        : String(editableOf(conflict)[k] || "—")}
                    </td>
                    <td>{k === "verdict" ? VERDICT_INFO[form.verdict].label : String(form[k] || "—")}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <div className="row-controls">
            <button type="button" onClick={keepMine} disabled={busy}>
              Save mine over theirs
            </button>
            <button type="button" className="secondary" onClick={takeTheirs} disabled={busy}>
              Discard mine, use theirs
            </button>
          </div>
        </div>
      )}

      <form onSubmit={onSubmit} className="stack" aria-label="Edit claim" style={{ display: "grid", gap: "0.6rem" }}>
        <Field label="Claimant" hint="(who made the claim)" error={fields?.claimant}>
          {(p) => (
            <input
              {...p}
              value={form.claimant}
              onChange={(e) => setClaimant(e.target.value)}
              disabled={disabled}
              maxLength={200}
            />
          )}
        </Field>
        <Field
          label="Claimant type"
          hint={
            form.claimant && form.claimantType === inferClaimantType(form.claimant)
              ? "(guessed from the claimant; change it if wrong)"
              : undefined
          }
          error={fields?.claimantType}
        >
          {(p) => (
            <select
              {...p}
              value={form.claimantType}
              onChange={(e) => set("claimantType", e.target.value as Editable["claimantType"])}
              disabled={disabled}
            >
              <option value="Person">Person</option>
              <option value="Organization">Organization</option>
            </select>
          )}
        </Field>
        <Field
          label="Claim statement"
          hint="(one short sentence; published as the claim reviewed)"
          note={
            <span
              className={form.statement.length >= 75 ? "field-error" : "muted"}
              style={{ fontWeight: 400, fontSize: "0.8rem" }}
            >
              {form.statement.length} characters
              {form.statement.length >= 75 ? " — search tools want under 75; exports will shorten it." : ""}
            </span>
          }
          error={fields?.statement}
        >
          {(p) => (
            <textarea
              {...p}
              value={form.statement}
              onChange={(e) => set("statement", e.target.value)}
              disabled={disabled}
              rows={2}
              maxLength={1000}
            />
          )}
        </Field>
        <Field label="Claim date" hint="(when it was made)" error={fields?.claimDate}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.claimDate}
              onChange={(e) => set("claimDate", e.target.value)}
              disabled={disabled}
            />
          )}
        </Field>
        <Field label="Where it was made" error={fields?.claimPlace}>
          {(p) => (
            <input
              {...p}
              value={form.claimPlace}
              onChange={(e) => set("claimPlace", e.target.value)}
              disabled={disabled}
              maxLength={300}
              placeholder="e.g. Nato foreign ministers' meeting, Brussels"
            />
          )}
        </Field>
        <fieldset className="verdict-options" aria-describedby={fields?.verdict ? verdictErrorId : undefined}>
          <legend style={{ fontWeight: 600 }}>Verdict</legend>
          {VERDICTS.map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="verdict"
                value={v}
                checked={form.verdict === v}
                onChange={() => set("verdict", v)}
                disabled={disabled}
              />
              <span>
                <VerdictBadge verdict={v} /> <span className="meaning">{VERDICT_INFO[v].meaning}</span>
              </span>
            </label>
          ))}
          {fields?.verdict && (
            <span className="field-error" id={verdictErrorId}>
              {fields.verdict}
            </span>
          )}
        </fieldset>
        <Field label="How we checked" error={fields?.rationale}>
          {(p) => (
            <textarea
              {...p}
              value={form.rationale}
              onChange={(e) => set("rationale", e.target.value)}
              disabled={disabled}
              rows={4}
            />
          )}
        </Field>
        {status && (
          <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "error" : "success"}>
            {status.text}
          </p>
        )}
        {canWrite && (
          <div className="row-controls">
            <button type="submit" disabled={busy || !dirty}>
              Save claim
            </button>
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
        )}
      </form>

      <Sources claim={claim} canWrite={canWrite} onChange={onSourceChange} />
    </section>
  );
}

function Sources({ claim, canWrite, onChange }: { claim: ClaimView; canWrite: boolean; onChange: (c: ClaimView) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sources = claim.sources ?? [];
  const remove = async (s: SourceView) => {
    if (!window.confirm(`Remove the source “${s.title}”?`)) return;
    const result = await removeSourceAction(claim.id, s.id);
    if (result.ok && result.data) onChange(result.data.claim);
    else if (!result.ok) setError(result.error);
  };
  return (
    <section aria-labelledby="sources-title">
      <h3 id="sources-title">Sources</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {sources.length === 0 && <p className="muted">No sources yet. A verdict needs at least one.</p>}
      <ul className="sources">
        {sources.map((s) =>
          editing === s.id ? (
            <li key={s.id}>
              <SourceForm
                claimId={claim.id}
                source={s}
                onDone={(c) => {
                  setEditing(null);
                  if (c) onChange(c);
                }}
              />
            </li>
          ) : (
            <SourceSummary key={s.id} source={s}>
              {canWrite && (
                <div className="row-controls">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setEditing(s.id)}
                    aria-label={`Edit source ${s.title}`}
                  >
                    Edit
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(s)} aria-label={`Remove source ${s.title}`}>
                    Remove
                  </button>
                </div>
              )}
            </SourceSummary>
          ),
        )}
      </ul>
      {canWrite && editing === null && <SourceForm claimId={claim.id} onDone={(c) => c && onChange(c)} />}
    </section>
  );
}

function SourceForm({
  claimId,
  source,
  onDone,
}: {
  claimId: string;
  source?: SourceView;
  onDone: (c: ClaimView | null) => void;
}) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
    };
    setBusy(true);
    const result = source ? await updateSourceAction(claimId, source.id, input) : await addSourceAction(claimId, input);
    setBusy(false);
    if (!result.ok) {
      setFields(result.fields ?? {});
      setError(result.error);
      return;
    }
    setFields({});
    setError(null);
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
        {(p) => <input {...p} name="url" type="url" required maxLength={2048} defaultValue={source?.url} />}
      </Field>
      <Field label="Source title" error={fields.title}>
        {(p) => <input {...p} name="title" required maxLength={500} defaultValue={source?.title} />}
      </Field>
      <Field label="Source publisher" error={fields.publisher}>
        {(p) => <input {...p} name="publisher" maxLength={200} defaultValue={source?.publisher ?? ""} />}
      </Field>
      <Field label="Quoted passage" hint="(what supports the verdict)" error={fields.quote}>
        {(p) => <textarea {...p} name="quote" rows={2} maxLength={5000} defaultValue={source?.quote ?? ""} />}
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
        <button type="submit" disabled={busy}>
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
