/**
 * Who acts when no signed-in person does: the terminal commands (`npm run user`, `npm run report`)
 * and the demo seed. A distinct type rather than a `{ system: true }` flag next to a `null` actor:
 * a use case that lets the system act says so in its signature, and `authorize` (which takes a
 * signed-in `Actor`) does not accept one, so the permission check cannot be skipped by accident.
 * Audit rows written for the system carry no actor and say where the change came from (`via`).
 */
export interface SystemActor {
  readonly kind: "system";
  readonly via: "cli";
}

/** The terminal commands and the demo seed (run on the desk's own machine). */
export const CLI_ACTOR: SystemActor = Object.freeze({ kind: "system", via: "cli" });

export function isSystemActor(actor: object | null | undefined): actor is SystemActor {
  return actor != null && "kind" in actor && actor.kind === "system";
}
