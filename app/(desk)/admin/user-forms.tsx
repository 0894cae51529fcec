"use client";

import { useActionState } from "react";
import { createUserAction, updateUserAction } from "@/app/actions/users";
import type { ActionResult } from "@/lib/http/action";
import type { UserView } from "@/lib/users/user-view";

function FieldError({ result, name }: { result: ActionResult | null; name: string }) {
  const message = result && !result.ok ? result.fields?.[name] : undefined;
  return message ? (
    <span className="field-error" id={`err-${name}`}>
      {message}
    </span>
  ) : null;
}

export function CreateUserForm() {
  const [result, action, pending] = useActionState(createUserAction, null);
  return (
    <form action={action} className="card form" aria-label="Add a user">
      {result && !result.ok && (
        <p role="alert" className="error">
          {result.error}
        </p>
      )}
      {result?.ok && <p role="status">{result.message}</p>}
      <label>
        E-mail
        <input name="email" type="email" required aria-describedby="err-email" />
        <FieldError result={result} name="email" />
      </label>
      <label>
        Name
        <input name="name" required aria-describedby="err-name" />
        <FieldError result={result} name="name" />
      </label>
      <label>
        Role
        <select name="role" defaultValue="editor">
          <option value="editor">Editor</option>
          <option value="reviewer">Reviewer</option>
          <option value="admin">Admin</option>
        </select>
        <FieldError result={result} name="role" />
      </label>
      <label>
        Initial password
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} aria-describedby="err-password" />
        <FieldError result={result} name="password" />
      </label>
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
      <form action={action} className="inline-form">
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
        <button type="submit" disabled={pending || isSelf} aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}>
          {user.disabled ? "Enable" : "Disable"}
        </button>
      </form>
      <form action={action} className="inline-form">
        <input type="hidden" name="userId" value={user.id} />
        <label>
          <span className="sr-only">New password for {user.email}</span>
          <input name="password" type="password" autoComplete="new-password" placeholder="New password" minLength={8} maxLength={128} required />
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
