"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action";
import { useServerAction } from "./use-server-action";

/**
 * A form that creates something with a secret shown once (an API token, a webhook's signing
 * secret): reads the form into the action's input, keeps the secret of the last success, resets the
 * form and refreshes the page's list. The transition stays pending through that refresh.
 */
export function useOneTimeSecretForm<I>(
  action: (input: I) => Promise<ActionResult<{ secret: string }>>,
  read: (data: FormData) => I,
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { error, fields, run } = useServerAction();
  const [secret, setSecret] = useState<string | null>(null);

  const submit = (form: HTMLFormElement) =>
    startTransition(async () => {
      const result = await run(() => action(read(new FormData(form))));
      // A refused second try keeps the secret of the first on screen: it is never shown again.
      if (!result.ok) return;
      setSecret(result.data?.secret ?? null);
      form.reset();
      router.refresh();
    });

  return { pending, error, fields, secret, submit };
}

/** The secret, with what to do with it; shown once, after the form that made it succeeded. */
export function OneTimeSecret({ secret, testId, children }: { secret: string | null; testId: string; children: ReactNode }) {
  if (!secret) return null;
  return (
    <div role="status" className="notice">
      <p>{children}</p>
      <p>
        <code data-testid={testId}>{secret}</code>
      </p>
    </div>
  );
}
