"use client";

import { useState, type FormEvent } from "react";
import { editClaimFigureAction, revertClaimFigureAction } from "@/app/actions/figures";
import { Field } from "@/app/components/field";
import { useServerAction } from "@/app/components/use-server-action";
import { FIGURE_QUALIFIERS, FIGURE_UNIT_KINDS, type FigureUnitKind } from "@/domain/vocabulary";
import type { ClaimFigureView } from "@/lib/claim-figures/figure-rows";
import { FIGURE_LIMITS, FIGURE_SCALES } from "@/lib/claim-figures/limits";
import type { ClaimView } from "@/lib/claims/claim-view";
import { describeFigure } from "@/lib/figures/describe-figure";
import type { ClaimPartsProps } from "./source-list";

const ORIGIN_LABEL = { text: "marked text", statement: "statement" } as const;
const SCALE_LABEL: Record<number, string> = {
  1: "as written",
  1e3: "thousand",
  1e6: "million",
  1e9: "billion",
  1e12: "trillion",
};
const KIND_LABEL: Record<FigureUnitKind, string> = {
  percent: "percentage",
  "percentage-points": "percentage points",
  currency: "money",
  count: "count",
  measure: "measure",
  multiplier: "multiplier",
  none: "bare number",
};

/** "2.3% of GDP · defence spending · UK · in 2024". */
export function figureSummary(f: ClaimFigureView): string {
  return [describeFigure(f), f.subject, f.place, f.period].filter(Boolean).join(" · ");
}

/**
 * The figures the claim states, read from the marked text and the statement (issue 12). An editor
 * corrects a misread figure here; the correction is kept when the claim's figures are read again.
 */
export function FigureList({ claim, version, canWrite, onChange }: ClaimPartsProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const { error, run } = useServerAction();
  const figures = claim.figures ?? [];
  const revert = async (f: ClaimFigureView) => {
    const result = await run(() => revertClaimFigureAction(claim.id, f.id, { version }));
    if (result.ok && result.data) onChange(result.data);
  };
  return (
    <section aria-labelledby={`figures-${claim.id}`} data-testid="claim-figures">
      <h3 id={`figures-${claim.id}`}>Figures</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {figures.length === 0 ? (
        <p className="muted small">No figures in the marked text or the statement.</p>
      ) : (
        <ul className="figures">
          {figures.map((f) =>
            editing === f.id ? (
              <li key={f.id}>
                <FigureForm
                  claimId={claim.id}
                  version={version}
                  figure={f}
                  onDone={(c) => {
                    setEditing(null);
                    if (c) onChange(c);
                  }}
                />
              </li>
            ) : (
              <li key={f.id} data-testid="claim-figure" data-origin={f.origin}>
                <q>{f.text}</q> <span className="muted small">({ORIGIN_LABEL[f.origin]})</span> →{" "}
                <strong>{figureSummary(f)}</strong>
                {f.edited && <span className="badge"> corrected</span>}
                {canWrite && (
                  <span className="row-controls">
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => setEditing(f.id)}
                      aria-label={`Correct the figure ${f.text}`}
                    >
                      Correct
                    </button>
                    {f.edited && (
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => void revert(f)}
                        aria-label={`Read the figure ${f.text} from the text again`}
                      >
                        Undo correction
                      </button>
                    )}
                  </span>
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function FigureForm({
  claimId,
  version,
  figure,
  onDone,
}: {
  claimId: string;
  version: number;
  figure: ClaimFigureView;
  onDone: (c: ClaimView | null) => void;
}) {
  const [form, setForm] = useState({
    value: String(figure.value),
    scale: figure.scale,
    unit: figure.unit ?? "",
    unitKind: figure.unitKind,
    qualifier: figure.qualifier ?? "",
    approximate: figure.approximate,
    subject: figure.subject ?? "",
    place: figure.place ?? "",
    period: figure.period ?? "",
  });
  const { pending, error, fields: errors, run } = useServerAction();
  const set = (changes: Partial<typeof form>) => setForm((f) => ({ ...f, ...changes }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await run(() =>
      editClaimFigureAction(claimId, figure.id, {
        version,
        value: form.value.trim() === "" ? Number.NaN : Number(form.value.replace(/,/g, "")),
        scale: form.scale,
        unit: form.unit,
        unitKind: form.unitKind,
        qualifier: form.qualifier === "" ? null : form.qualifier,
        approximate: form.approximate,
        subject: form.subject,
        place: form.place,
        period: form.period,
      }),
    );
    if (result.ok && result.data) onDone(result.data.claim);
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="stack figure-form" aria-label={`Correct the figure ${figure.text}`}>
      <p className="small" style={{ margin: 0 }}>
        Correcting <q>{figure.text}</q> ({ORIGIN_LABEL[figure.origin]})
      </p>
      <div className="row-controls">
        <Field label="Value" error={errors.value}>
          {(p) => (
            <input {...p} name="value" inputMode="decimal" value={form.value} onChange={(e) => set({ value: e.target.value })} />
          )}
        </Field>
        <Field label="Scale" error={errors.scale}>
          {(p) => (
            <select {...p} name="scale" value={form.scale} onChange={(e) => set({ scale: Number(e.target.value) })}>
              {FIGURE_SCALES.map((s) => (
                <option key={s} value={s}>
                  {SCALE_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Kind" error={errors.unitKind}>
          {(p) => (
            <select
              {...p}
              name="unitKind"
              value={form.unitKind}
              onChange={(e) => set({ unitKind: e.target.value as FigureUnitKind })}
            >
              {FIGURE_UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Unit" hint="(%, GBP, troops…)" error={errors.unit}>
          {(p) => (
            <input
              {...p}
              name="unit"
              maxLength={FIGURE_LIMITS.unit}
              value={form.unit}
              onChange={(e) => set({ unit: e.target.value })}
            />
          )}
        </Field>
        <Field label="Qualifier" error={errors.qualifier}>
          {(p) => (
            <select {...p} name="qualifier" value={form.qualifier} onChange={(e) => set({ qualifier: e.target.value })}>
              <option value="">none</option>
              {FIGURE_QUALIFIERS.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row-controls">
        <Field label="Subject" error={errors.subject}>
          {(p) => (
            <input
              {...p}
              name="subject"
              maxLength={FIGURE_LIMITS.subject}
              value={form.subject}
              onChange={(e) => set({ subject: e.target.value })}
            />
          )}
        </Field>
        <Field label="Place" error={errors.place}>
          {(p) => (
            <input
              {...p}
              name="place"
              maxLength={FIGURE_LIMITS.place}
              value={form.place}
              onChange={(e) => set({ place: e.target.value })}
            />
          )}
        </Field>
        <Field label="Period or date" error={errors.period}>
          {(p) => (
            <input
              {...p}
              name="period"
              maxLength={FIGURE_LIMITS.period}
              value={form.period}
              onChange={(e) => set({ period: e.target.value })}
            />
          )}
        </Field>
      </div>
      <label className="small">
        <input type="checkbox" checked={form.approximate} onChange={(e) => set({ approximate: e.target.checked })} /> Written
        loosely (&ldquo;a third&rdquo;, &ldquo;tripled&rdquo;)
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row-controls">
        <button type="submit" disabled={pending}>
          Save figure
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
