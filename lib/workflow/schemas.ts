import { z } from "zod";
import { REVIEW_DECISIONS, type ReviewDecision, VERDICTS } from "@/domain/vocabulary";
import { optionalText, requiredText, versionField } from "../validation";

/** Submit and withdraw: only the version the editor was looking at. */
export const transitionSchema = z.strictObject({ version: versionField });
export type TransitionInput = z.input<typeof transitionSchema>;

export { REVIEW_DECISIONS, type ReviewDecision };

/** Longest review reason and comment, in characters: the schemas below and the forms' `maxLength`. */
export const REVIEW_REASON_MAX = 5000;
export const COMMENT_MAX = 10_000;

export const reviewSchema = z
  .strictObject({
    version: versionField,
    decision: z.enum(REVIEW_DECISIONS, { message: 'decision is "approve" or "request_changes".' }),
    /** Required to request changes; an optional note on an approval. */
    reason: optionalText("Reason", REVIEW_REASON_MAX),
    /** Approving a verdict that differs from the same claim's latest approved verdict needs this. */
    confirmVerdictDifference: z.boolean({ message: "confirmVerdictDifference is true or false." }).optional(),
    /**
     * Approving over figure warnings (lib/claim-figures/) needs the key of each warning the reviewer
     * saw; a warning that appeared since is asked about again.
     */
    confirmFigureWarnings: z
      .array(z.string({ message: "confirmFigureWarnings lists warning keys." }).max(2000), {
        message: "confirmFigureWarnings lists warning keys.",
      })
      .max(100, "confirmFigureWarnings lists at most 100 warnings.")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "request_changes" && !value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say what needs to change." });
    }
  });
export type ReviewInput = z.input<typeof reviewSchema>;

export const assignSchema = z.strictObject({
  reviewerId: z.union([z.uuid("Choose a reviewer from the list."), z.null()], {
    message: "reviewerId is a reviewer's id, or null to remove the assignment.",
  }),
});
export type AssignInput = z.input<typeof assignSchema>;

export const commentBody = requiredText("Comment", COMMENT_MAX);

export const addCommentSchema = z.strictObject({ body: commentBody });
export type AddCommentInput = z.input<typeof addCommentSchema>;

export const editCommentSchema = z.strictObject({
  body: commentBody,
  version: z.number({ message: "version must be the number of the comment version you edited." }).int().min(1),
});
export type EditCommentInput = z.input<typeof editCommentSchema>;

export const QUEUE_MAX_LIMIT = 100;
export const QUEUE_DEFAULT_LIMIT = 25;

/** Query-string values arrive as strings; numbers are coerced, everything else stays strict. */
export const queueQuerySchema = z.strictObject({
  after: z.string().max(200, "after is the `next` value of the previous page.").optional(),
  limit: z.coerce
    .number({ message: `limit is a number from 1 to ${QUEUE_MAX_LIMIT}.` })
    .int(`limit is a number from 1 to ${QUEUE_MAX_LIMIT}.`)
    .min(1, `limit is a number from 1 to ${QUEUE_MAX_LIMIT}.`)
    .max(QUEUE_MAX_LIMIT, `limit is a number from 1 to ${QUEUE_MAX_LIMIT}.`)
    .default(QUEUE_DEFAULT_LIMIT),
  article: z.uuid("Unknown article.").optional(),
  verdict: z.enum(VERDICTS, { message: "Choose a verdict from the scale." }).optional(),
  editor: z.uuid("Unknown editor.").optional(),
  assigned: z.literal("me", { message: 'assigned accepts only "me".' }).optional(),
});
export type QueueQuery = z.input<typeof queueQuerySchema>;

export const historyQuerySchema = z.strictObject({
  tz: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-GB", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "tz is an IANA time zone such as Europe/Lisbon.")
    .optional(),
});
export type HistoryQuery = z.input<typeof historyQuerySchema>;

export const MY_WORK_DEFAULT_LIMIT = 5;
/** How many of the latest claims the home page shows per group. */
export const myWorkSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(20).default(MY_WORK_DEFAULT_LIMIT),
});
export type MyWorkInput = z.input<typeof myWorkSchema>;
