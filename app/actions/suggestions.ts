"use server";

import { type DismissedSuggestion, dismissSuggestion } from "@/lib/articles/dismiss-suggestion";
import { type ActionResult, serverAction } from "@/lib/http/action";

// A public endpoint: the use case validates the input and authorizes the acting user.
export async function dismissSuggestionAction(articleId: string, input: unknown): Promise<ActionResult<DismissedSuggestion>> {
  return serverAction((actor) => dismissSuggestion(actor, String(articleId), input));
}
