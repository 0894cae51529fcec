import "server-only";
import { cache } from "react";
import { auth } from "./auth";
import { loadSessionActor } from "./authenticate";
import type { Actor } from "./permissions";

/**
 * The acting user of this request, re-checked against the database (enabled, current session
 * version), or null. Memoised per request; pages, actions and route handlers pass it to lib/.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const user = session?.user as { id?: string } | undefined;
  if (!user?.id) return null;
  return loadSessionActor(user.id, (session as { sv?: unknown }).sv);
});
