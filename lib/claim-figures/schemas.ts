import { z } from "zod";
import { FIGURE_QUALIFIERS, FIGURE_UNIT_KINDS } from "@/domain/vocabulary";
import { optionalText, versionField } from "../validation";
import { FIGURE_LIMITS, FIGURE_SCALES } from "./limits";

export { FIGURE_LIMITS, FIGURE_SCALES };

/**
 * An editor's correction of one figure: every reading of it, and the claim version the editor saw
 * (a correction is an edit of the claim: it gets a new version, and an approved claim goes back).
 */
export const editFigureSchema = z
  .strictObject({
    version: versionField,
    value: z
      .number({ message: "Value must be a number." })
      .refine((v) => Number.isFinite(v) && Math.abs(v) < 1e15, "Value must be a number below 10^15."),
    scale: z
      .number({ message: "Scale is 1, a thousand, a million, a billion or a trillion." })
      .refine(
        (v) => (FIGURE_SCALES as readonly number[]).includes(v),
        "Scale is 1, a thousand, a million, a billion or a trillion.",
      ),
    unit: optionalText("Unit", FIGURE_LIMITS.unit),
    unitKind: z.enum(FIGURE_UNIT_KINDS, { message: "Choose what kind of quantity it is." }),
    qualifier: z.union([z.enum(FIGURE_QUALIFIERS, { message: "Choose a qualifier from the list." }), z.null()]).optional(),
    approximate: z.boolean({ message: "approximate is true or false." }).optional(),
    period: optionalText("Period", FIGURE_LIMITS.period),
    place: optionalText("Place", FIGURE_LIMITS.place),
    subject: optionalText("Subject", FIGURE_LIMITS.subject),
  })
  .superRefine((value, ctx) => {
    if (value.unitKind === "currency" && !(value.unit && /^[A-Z]{3}$/.test(value.unit))) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: "Money needs its ISO 4217 currency code, e.g. GBP, EUR or USD." });
    }
    if (value.unitKind === "percent" && !(value.unit === "%" || value.unit?.startsWith("% of "))) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: 'A percentage has the unit "%" or "% of …" (e.g. "% of GDP").' });
    }
    if (value.unitKind === "percentage-points" && value.unit !== "pp") {
      ctx.addIssue({ code: "custom", path: ["unit"], message: 'Percentage points have the unit "pp".' });
    }
    if (value.unitKind === "none" && value.unit) {
      ctx.addIssue({
        code: "custom",
        path: ["unit"],
        message: "A bare number has no unit: choose another kind, or leave the unit empty.",
      });
    }
    if ((value.unitKind === "count" || value.unitKind === "measure") && !value.unit) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: "Say what is counted or measured (troops, homes, cm…)." });
    }
  });
export type EditFigureInput = z.input<typeof editFigureSchema>;

/** Undoing a correction: the figure is read from the text again. */
export const revertFigureSchema = z.strictObject({ version: versionField });
export type RevertFigureInput = z.input<typeof revertFigureSchema>;
