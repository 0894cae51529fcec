import { isOneOf, VERDICTS, type Verdict } from "@/domain/vocabulary";

/**
 * The desk's rating scale. It is published with every report, and its numeric mapping is what
 * ClaimReview's `reviewRating` carries (docs/claimreview.md): numbers exist only for verdicts on a
 * true/false line; "Disputed" and "Unproven" are text-only ratings.
 */
export { VERDICTS, type Verdict };

/** Verdicts an editor may submit for review: anything but the initial "unverified". */
export type FinalVerdict = Exclude<Verdict, "unverified">;

export interface VerdictInfo {
  label: string;
  /** One line, shown in the app and published with the report. */
  meaning: string;
  /** ClaimReview ratingValue on the WORST_RATING..BEST_RATING scale, or null for text-only. */
  rating: number | null;
  /** A short glyph shown next to the colour so that the verdict never relies on colour alone. */
  icon: string;
}

export const BEST_RATING = 4;
export const WORST_RATING = 1;

export const VERDICT_INFO: Record<Verdict, VerdictInfo> = {
  unverified: {
    label: "Unverified",
    meaning: "Not yet checked: no verdict has been given.",
    rating: null,
    icon: "○",
  },
  verified: {
    label: "Verified",
    meaning: "Accurate: the evidence supports the claim as stated.",
    rating: 4,
    icon: "✓",
  },
  needs_context: {
    label: "Needs context",
    meaning: "Accurate in itself, but leaves out context that changes how it should be read.",
    rating: 3,
    icon: "ℹ",
  },
  misleading: {
    label: "Misleading",
    meaning: "Contains some truth, but is presented in a way that gives a false impression.",
    rating: 2,
    icon: "!",
  },
  false: {
    label: "False",
    meaning: "Inaccurate: the evidence contradicts the claim.",
    rating: 1,
    icon: "✗",
  },
  disputed: {
    label: "Disputed",
    meaning: "Credible sources disagree, and the evidence does not settle it either way.",
    rating: null,
    icon: "⇄",
  },
  unproven: {
    label: "Unproven",
    meaning: "There is not enough evidence available to support or contradict the claim.",
    rating: null,
    icon: "?",
  },
};

export function isVerdict(value: unknown): value is Verdict {
  return isOneOf(VERDICTS, value);
}
