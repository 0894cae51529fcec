"use client";

import { type FormEvent, type KeyboardEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { createUserAction, updateUserAction } from "@/app/actions/users";
import { Field } from "@/app/components/field";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/limits";
import type { UserView } from "@/lib/users/user-view";

export function CreateUserForm() {
  const [result, action, pending] = useActionState(createUserAction, null);
  const form = useRef<HTMLFormElement>(null);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  // A refused user keeps what the admin typed; a created one clears the form for the next.
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formData = new FormData(e.currentTarget);
    startTransition(() => action(formData));
  };
  return (
    <form ref={form} action={action} onSubmit={onSubmit} className="card form" aria-label="Add a user">
      {result && !result.ok && (
        <p role="alert" className="error">
          {result.error}
        </p>
      )}
      {result?.ok && <p role="status">{result.message}</p>}
      <Field label="E-mail" error={fields.email}>
        {(p) => <input {...p} name="email" type="email" required />}
      </Field>
      <Field label="Name" error={fields.name}>
        {(p) => <input {...p} name="name" required />}
      </Field>
      <Field label="Role" error={fields.role}>
        {(p) => (
          <select {...p} name="role" defaultValue="editor">
            <option value="editor">Editor</option>
            <option value="reviewer">Reviewer</option>
            <option value="admin">Admin</option>
          </select>
        )}
      </Field>
      <Field label="Initial password" hint={`(at least ${PASSWORD_MIN} characters)`} error={fields.password}>
        {(p) => (
          <input
            {...p}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        Create user
      </button>
    </form>
  );
}

export function UserRowControls({ user, isSelf }: { user: UserView; isSelf: boolean }) {
  const [result, action, pending] = useActionState(updateUserAction, null);
  return (
    <div className="row-controls">
      <form action={action} className="inline-form">
        <input type="hidden" name="userId" value={user.id} />
        <label>
          <span className="sr-only">Role of {user.email}</span>
          <select name="role" defaultValue={user.role} disabled={isSelf}>
            <option value="editor">Editor</option>
            <option value="reviewer">Reviewer</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" disabled={pending || isSelf} aria-label={`Change role of ${user.email}`}>
          Change role
        </button>
      </form>
      {user.disabled ? (
        <form action={action} className="inline-form">
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="disabled" value="false" />
          <button type="submit" className="secondary" disabled={pending} aria-label={`Enable ${user.email}`}>
            Enable
          </button>
        </form>
      ) : (
        <DisableUser user={user} isSelf={isSelf} action={action} pending={pending} />
      )}
      <form action={action} className="inline-form">
        <input type="hidden" name="userId" value={user.id} />
        <label>
          <span className="sr-only">New password for {user.email}</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder="New password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            required
          />
        </label>
        <button type="submit" disabled={pending} aria-label={`Set password of ${user.email}`}>
          Set password
        </button>
      </form>
      {result && !result.ok && (
        <p role="alert" className="error">
          {Object.values(result.fields ?? {})[0] ?? result.error}
        </p>
      )}
      {result?.ok && <p role="status">{result.message}</p>}
    </div>
  );
}

/**
 * Disabling ends the user's sessions at once, so it takes two steps: "Disable" asks, and only
 * "Yes, disable NAME" does it. Cancel (or Escape) goes back; nothing is sent before the second step.
 */
function DisableUser({
  user,
  isSelf,
  action,
  pending,
}: {
  user: UserView;
  isSelf: boolean;
  action: (formData: FormData) => void;
  pending: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const disableButton = useRef<HTMLButtonElement>(null);
  const promptId = `disable-${user.id}`;
  // The safe choice has focus when the question appears.
  useEffect(() => {
    if (asking) cancelButton.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    // Back where the admin was, once the Disable button is there again.
    requestAnimationFrame(() => disableButton.current?.focus());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  };
  if (!asking)
    return (
      <button
        ref={disableButton}
        type="button"
        className="danger"
        disabled={pending || isSelf}
        aria-label={`Disable ${user.email}`}
        onClick={() => setAsking(true)}
      >
        Disable
      </button>
    );
  return (
    <form action={action} className="confirm-destructive" role="group" aria-labelledby={promptId} onKeyDown={onKeyDown}>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="disabled" value="true" />
      <p id={promptId}>Disable {user.name}? They are signed out at once and cannot sign in until enabled again.</p>
      <button type="submit" className="danger-solid" disabled={pending}>
        Yes, disable {user.name}
      </button>
      <button ref={cancelButton} type="button" className="secondary" onClick={cancel}>
        Cancel
      </button>
    </form>
  );
}
