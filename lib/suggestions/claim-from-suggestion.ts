/**
 * What a claim marked inside a suggested clause takes from the suggestion, whether the editor
 * accepted the whole clause or marked part of it by hand: who made the claim (and whether a
 * person or an organisation), and its context, which is the proposed statement. That statement
 * says what the clause claims about what ("In the United Kingdom, we are at 2.3%"), which a
 * fragment marked by hand ("2.3 per cent") does not. createClaim decides this on the server, from
 * the suggestions it computes for the revision; the client sends only the selection.
 */
import type { ClaimantKind } from "./types";
import type { Suggestion } from "./suggest-claims";

export interface FieldsFromSuggestion {
  /** null: the suggestion is the reporter's own statement. */
  claimant: string | null;
  claimantType?: ClaimantKind;
  statement: string;
}

/** The fields of the suggestion whose clause contains the range, or null when no clause does. */
export function fieldsFromSuggestion(
  suggestions: readonly Suggestion[],
  range: { start: number; end: number },
): FieldsFromSuggestion | null {
  const s = suggestions.find((x) => x.start <= range.start && range.end <= x.end);
  if (!s) return null;
  const fields: FieldsFromSuggestion = { claimant: s.claimant ?? null, statement: s.statement };
  if (s.claimant && s.claimantType) fields.claimantType = s.claimantType;
  return fields;
}
