"use server";

import { type DismissedSuggestion, dismissSuggestion } from "@/lib/articles/dismiss-suggestion";
import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, runAction } from "@/lib/http/action";

// A public endpoint: the use case validates the input and authorizes the acting user.
export async function dismissSuggestionAction(articleId: string, input: unknown): Promise<ActionResult<DismissedSuggestion>> {
  const actor = await getCurrentActor();
  return runAction(() => dismissSuggestion(actor, String(articleId), input));
}
