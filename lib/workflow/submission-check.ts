/**
 * What a claim still lacks before it can go to review. Pure, so the claim form can show the same
 * messages before the user presses "Submit" that the server answers with (422) after.
 */

export type SubmissionRequirement = "verdict" | "rationale" | "sources";

export interface SubmissionCandidate {
  verdict: string;
  rationale: string | null | undefined;
  /** How many sources the claim has (internal ones count: they back the verdict all the same). */
  sourceCount: number;
}

export interface SubmissionCheck {
  ready: boolean;
  missing: SubmissionRequirement[];
  /** One message per missing requirement, keyed like the 422 `fields`. */
  fields: Partial<Record<SubmissionRequirement, string>>;
}

export const SUBMISSION_MESSAGES: Record<SubmissionRequirement, string> = {
  verdict: "Choose a verdict other than Unverified.",
  rationale: 'Write the "how we checked" note.',
  sources: "Add at least one source.",
};

export function checkSubmission(claim: SubmissionCandidate): SubmissionCheck {
  const missing: SubmissionRequirement[] = [];
  if (claim.verdict === "unverified") missing.push("verdict");
  if (!claim.rationale || claim.rationale.trim().length === 0) missing.push("rationale");
  if (!(claim.sourceCount >= 1)) missing.push("sources");
  const fields: SubmissionCheck["fields"] = {};
  for (const m of missing) fields[m] = SUBMISSION_MESSAGES[m];
  return { ready: missing.length === 0, missing, fields };
}

/** "Before submitting: choose a verdict …; add at least one source." */
export function describeMissing(check: SubmissionCheck): string {
  if (check.ready) return "Ready to submit.";
  return `Before submitting: ${check.missing.map((m) => lowerFirst(SUBMISSION_MESSAGES[m]).replace(/\.$/, "")).join("; ")}.`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
