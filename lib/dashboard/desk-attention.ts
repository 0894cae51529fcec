import "server-only";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { countDueClaims } from "../recheck/list-due-claims";
import { countBrokenSources } from "../sources/count-broken-sources";

export interface DeskAttention {
  /** Approved claims whose re-check date has passed (lib/recheck/). */
  dueForRecheck: number;
  /** Sources whose latest check of their current link did not get a 2xx answer (lib/sources/). */
  brokenSources: number;
}

/** What needs the desk's attention now: the dashboard's two counts, from their own use cases. */
export async function getDeskAttention(actor: Actor | null): Promise<DeskAttention> {
  await authorize(actor, "claim:read", { type: "dashboard" });
  const [dueForRecheck, brokenSources] = await Promise.all([countDueClaims(actor), countBrokenSources(actor)]);
  return { dueForRecheck, brokenSources };
}
