"use client";

import { useId } from "react";
import { Field } from "@/app/components/field";
import { VerdictBadge } from "@/app/components/verdict-badge";
import { inferClaimantType } from "@/lib/claims/claimant-type";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";
import type { Editable } from "./claim-draft";
import { CLAIM_LIMITS } from "@/lib/claims/limits";

/**
 * The claim's own fields, essential ones first (statement, claimant, verdict, how we checked);
 * when and where it was made are folded, and open by themselves when one of them has an error.
 */
export function ClaimFields({
  form,
  disabled,
  errors,
  onEdit,
}: {
  form: Editable;
  disabled: boolean;
  errors: Record<string, string> | undefined;
  onEdit: (changes: Partial<Editable>) => void;
}) {
  const verdictErrorId = useId();
  const foldedError = Boolean(errors?.claimDate || errors?.claimPlace);
  const whenWhere = [form.claimDate, form.claimPlace].filter(Boolean).join(" · ");
  return (
    <>
      <Field
        label="Claim statement"
        hint="(one short sentence; published as the claim reviewed)"
        note={
          <span className={form.statement.length >= 75 ? "field-error" : "muted"} style={{ fontWeight: 400, fontSize: "0.8rem" }}>
            {form.statement.length} characters
            {form.statement.length >= 75 ? " — search tools want under 75; exports will shorten it." : ""}
          </span>
        }
        error={errors?.statement}
      >
        {(p) => (
          <textarea
            {...p}
            value={form.statement}
            onChange={(e) => onEdit({ statement: e.target.value })}
            disabled={disabled}
            rows={2}
            maxLength={CLAIM_LIMITS.statement}
          />
        )}
      </Field>
      <div className="field-pair">
        <Field label="Claimant" hint="(who made the claim)" error={errors?.claimant}>
          {(p) => (
            <input
              {...p}
              value={form.claimant}
              onChange={(e) => onEdit({ claimant: e.target.value })}
              disabled={disabled}
              maxLength={CLAIM_LIMITS.claimant}
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
          error={errors?.claimantType}
        >
          {(p) => (
            <select
              {...p}
              value={form.claimantType}
              onChange={(e) => onEdit({ claimantType: e.target.value as Editable["claimantType"] })}
              disabled={disabled}
            >
              <option value="Person">Person</option>
              <option value="Organization">Organization</option>
            </select>
          )}
        </Field>
      </div>
      <fieldset className="verdict-options" aria-describedby={errors?.verdict ? verdictErrorId : undefined}>
        <legend style={{ fontWeight: 600 }}>Verdict</legend>
        {VERDICTS.map((v) => (
          <label key={v}>
            <input
              type="radio"
              name="verdict"
              value={v}
              checked={form.verdict === v}
              onChange={() => onEdit({ verdict: v })}
              disabled={disabled}
            />
            <span>
              <VerdictBadge verdict={v} /> <span className="meaning">{VERDICT_INFO[v].meaning}</span>
            </span>
          </label>
        ))}
        {errors?.verdict && (
          <span className="field-error" id={verdictErrorId}>
            {errors.verdict}
          </span>
        )}
      </fieldset>
      <Field label="How we checked" error={errors?.rationale}>
        {(p) => (
          <textarea
            {...p}
            value={form.rationale}
            onChange={(e) => onEdit({ rationale: e.target.value })}
            disabled={disabled}
            rows={4}
          />
        )}
      </Field>
      <details className="fold" open={foldedError || undefined}>
        <summary>
          When and where it was made
          {whenWhere ? <span className="muted">: {whenWhere}</span> : <span className="muted"> (optional)</span>}
        </summary>
        <div className="stack" style={{ display: "grid", gap: "0.6rem", marginTop: "0.5rem" }}>
          <Field label="Claim date" hint="(when it was made)" error={errors?.claimDate}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.claimDate}
                onChange={(e) => onEdit({ claimDate: e.target.value })}
                disabled={disabled}
              />
            )}
          </Field>
          <Field label="Where it was made" error={errors?.claimPlace}>
            {(p) => (
              <input
                {...p}
                value={form.claimPlace}
                onChange={(e) => onEdit({ claimPlace: e.target.value })}
                disabled={disabled}
                maxLength={CLAIM_LIMITS.claimPlace}
                placeholder="e.g. Nato foreign ministers' meeting, Brussels"
              />
            )}
          </Field>
        </div>
      </details>
    </>
  );
}
