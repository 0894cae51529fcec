"use client";

import { useState, type FormEvent } from "react";
import { updateDeskSettingsAction } from "@/app/actions/recheck";
import { ActionMessage } from "@/app/components/action-message";
import { Field } from "@/app/components/field";
import { useServerAction } from "@/app/components/use-server-action";
import type { DeskSettingsView } from "@/lib/recheck/desk-settings";

/** The default re-check periods: for claims whose figures move (troops, prices, polls) and the rest. */
export function DeskSettingsForm({ settings }: { settings: DeskSettingsView }) {
  const [saved, setSaved] = useState(settings);
  const [form, setForm] = useState({
    recheckDays: String(settings.recheckDays),
    recheckMovingDays: String(settings.recheckMovingDays),
  });
  const action = useServerAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await action.run(
      () => updateDeskSettingsAction({ ...form, version: saved.version }),
      "Saved. New approvals use these periods.",
    );
    if (result.ok && result.data) setSaved(result.data);
    else if (!result.ok) {
      const current = result.details?.current as DeskSettingsView | undefined;
      if (result.code === "conflict" && current) setSaved(current);
    }
  }

  const errors = action.fields;
  return (
    <form onSubmit={(e) => void submit(e)} className="card form" aria-label="Desk settings" data-testid="desk-settings">
      <p className="muted small" style={{ marginTop: 0 }}>
        When an approved verdict is due for a re-check, counted from its approval.
      </p>
      <Field label="Claims with moving figures" hint="(days; troops, prices, polls…)" error={errors.recheckMovingDays}>
        {(p) => (
          <input
            {...p}
            name="recheckMovingDays"
            type="number"
            min={1}
            max={3650}
            required
            value={form.recheckMovingDays}
            onChange={(e) => setForm((f) => ({ ...f, recheckMovingDays: e.target.value }))}
          />
        )}
      </Field>
      <Field label="Other claims" hint="(days)" error={errors.recheckDays}>
        {(p) => (
          <input
            {...p}
            name="recheckDays"
            type="number"
            min={1}
            max={3650}
            required
            value={form.recheckDays}
            onChange={(e) => setForm((f) => ({ ...f, recheckDays: e.target.value }))}
          />
        )}
      </Field>
      <ActionMessage state={action} />
      <button type="submit" disabled={action.pending}>
        Save settings
      </button>
    </form>
  );
}
