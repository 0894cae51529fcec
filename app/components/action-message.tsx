"use client";

import type { ServerActionState } from "./use-server-action";

/**
 * The outcome of a component's last action call (`useServerAction`): its error as an alert, or its
 * success notice as a status message; nothing while there is neither.
 */
export function ActionMessage({ state }: { state: Pick<ServerActionState, "error" | "notice"> }) {
  if (state.error) {
    return (
      <p role="alert" className="error">
        {state.error}
      </p>
    );
  }
  if (state.notice) {
    return (
      <p role="status" className="success">
        {state.notice}
      </p>
    );
  }
  return null;
}
