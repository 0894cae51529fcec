"use client";

import { type ReactNode, useId } from "react";

/** What a form control needs from its Field: its id, and the hint and error it is described by. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/**
 * A labelled form control. The label is the control's name; the hint, a note (a counter) and the
 * error are its description (aria-describedby), so a screen reader says "Claimant, edit text, who
 * made the claim" rather than reading the hint as part of the name.
 */
export function Field({
  label,
  hint,
  note,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown after the control and read as part of its description (e.g. a character count). */
  note?: ReactNode;
  error?: string | null;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, note ? noteId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <>
            {" "}
            <span className="hint" id={hintId}>
              {hint}
            </span>
          </>
        )}
      </div>
      {children({
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": true as const } : {}),
      })}
      {note && <div id={noteId}>{note}</div>}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * When the article came as a file, its text is the body: what is wrong with that text (empty,
 * binary) is said at the file field the user acted on, not under the unused text box.
 */
export function uploadFieldErrors(fields: Record<string, string>, sentFile: boolean): Record<string, string> {
  if (!sentFile || !fields.body || fields.file) return fields;
  const { body, ...rest } = fields;
  return { ...rest, file: body };
}
