"use client";

import { useActionState } from "react";
import { retryJobAction } from "@/app/actions/jobs";

export function RetryJobForm({ name, id }: { name: string; id: string }) {
  const [result, action, pending] = useActionState(retryJobAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending || result?.ok === true}>
        {result?.ok ? "Queued" : "Retry"}
      </button>
      {result && !result.ok && (
        <span role="alert" className="field-error">
          {" "}
          {result.error}
        </span>
      )}
    </form>
  );
}
