"use client";

import { useCallback, useMemo, useState } from "react";
import type { ActionResult } from "@/lib/http/action";

/** What a refused or failed call answered: its message, and the message of each bad field. */
export type ActionFailure = Extract<ActionResult, { ok: false }>;

const NO_FIELDS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The pending and error state of a component's server action calls, in one place instead of a
 * busy/error pair of `useState`s around every call. `run(() => someAction(…))` marks the component
 * pending (its buttons disable), forgets the previous outcome, and keeps the failure of a refused
 * call (`error`, and `fields` for the form's field errors) or, when given one, a success `notice`.
 * It hands the result back, so the component still decides what a success does (refresh, close).
 *
 * Form submissions through `<form action>` use React's `useActionState` instead (see
 * `article-body-fields.tsx`); this is for actions called from event handlers.
 */
export function useServerAction() {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = useCallback(
    async <T>(call: () => Promise<ActionResult<T>>, success?: string | ((data: T) => string)): Promise<ActionResult<T>> => {
      setPending(true);
      setFailure(null);
      setNotice(null);
      try {
        const result = await call();
        if (!result.ok) setFailure(result);
        else if (typeof success === "string") setNotice(success);
        else if (success) setNotice(success(result.data as T));
        return result;
      } finally {
        setPending(false);
      }
    },
    [],
  );

  /** Shows a message the component decided on itself (a check before calling, a local refusal). */
  const fail = useCallback((error: string, fields?: Record<string, string>) => {
    setNotice(null);
    setFailure({ ok: false, code: "client", error, fields });
  }, []);

  const reset = useCallback(() => {
    setFailure(null);
    setNotice(null);
  }, []);

  return useMemo(
    () => ({
      pending,
      failure,
      error: failure?.error ?? null,
      fields: failure?.fields ?? NO_FIELDS,
      /** For a control with no field of its own to mark: the first field's message, else the error. */
      firstError: failure ? (Object.values(failure.fields ?? {})[0] ?? failure.error) : null,
      notice,
      run,
      fail,
      reset,
    }),
    [pending, failure, notice, run, fail, reset],
  );
}

export type ServerActionState = ReturnType<typeof useServerAction>;
