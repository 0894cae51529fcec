import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { FIGURE_ORIGINS, FIGURE_QUALIFIERS, FIGURE_UNIT_KINDS } from "../../domain/vocabulary";
import { claims } from "./claims";
import { inList } from "./in-list";
import { users } from "./users";

/**
 * A claim's figures as data (issue 12): one row per figure read from the marked text or from the
 * statement (lib/figures/), rewritten by lib/ in the transaction that changes either text. A row an
 * editor corrected is an override: extraction keeps it while its words are still in that text.
 */
export const claimFigures = pgTable(
  "claim_figures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    origin: text("origin", { enum: FIGURE_ORIGINS }).notNull(),
    /** Order of the figure in its text. */
    position: integer("position").notNull(),
    /** The words it was read from ("more than £3.4bn"); an override keeps the words it corrects. */
    text: text("text").notNull(),
    value: doublePrecision("value").notNull(),
    scale: doublePrecision("scale").notNull().default(1),
    unit: text("unit"),
    unitKind: text("unit_kind", { enum: FIGURE_UNIT_KINDS }).notNull(),
    /** ISO 4217 code of a currency figure ("GBP"; pence are GBP too). */
    currency: text("currency"),
    qualifier: text("qualifier", { enum: FIGURE_QUALIFIERS }),
    approximate: boolean("approximate").notNull().default(false),
    period: text("period"),
    place: text("place"),
    subject: text("subject"),
    // Derived by lib/figures (normaliseFigure, subjectKey) when the row is written: what the
    // cross-desk consistency check looks up and compares.
    subjectKey: text("subject_key"),
    baseUnit: text("base_unit"),
    amount: doublePrecision("amount").notNull(),
    /** The values the wording allows; null is unbounded ("more than 10,000" has no high). */
    low: doublePrecision("low"),
    high: doublePrecision("high"),
    /**
     * Whether the claim is approved, kept by triggers on claims and claim_figures (migration
     * claim_figures_approved_triggers): the cross-desk check reads only approved claims' figures
     * through the partial indexes below, without visiting each claim row.
     */
    claimApproved: boolean("claim_approved").notNull().default(false),
    /** An editor's correction: extraction does not replace it. */
    override: boolean("override").notNull().default(false),
    editedBy: uuid("edited_by").references(() => users.id),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    index("claim_figures_claim_idx").on(t.claimId, t.origin, t.position),
    // Other claims on the same subject in the same unit (lib/claim-figures/find-figure-conflicts.ts):
    // a claim's figures on a subject and unit, and the approved ones below or above a value.
    index("claim_figures_subject_unit_idx")
      .on(t.subjectKey, t.baseUnit, t.claimId)
      .where(sql`${t.subjectKey} is not null and ${t.baseUnit} is not null`),
    index("claim_figures_approved_high_idx")
      .on(t.subjectKey, t.baseUnit, t.high)
      .where(sql`${t.claimApproved} and ${t.subjectKey} is not null and ${t.baseUnit} is not null`),
    index("claim_figures_approved_low_idx")
      .on(t.subjectKey, t.baseUnit, t.low)
      .where(sql`${t.claimApproved} and ${t.subjectKey} is not null and ${t.baseUnit} is not null`),
    check("claim_figures_origin_check", sql`${t.origin} in (${inList(FIGURE_ORIGINS)})`),
    check("claim_figures_unit_kind_check", sql`${t.unitKind} in (${inList(FIGURE_UNIT_KINDS)})`),
    check("claim_figures_qualifier_check", sql`${t.qualifier} is null or ${t.qualifier} in (${inList(FIGURE_QUALIFIERS)})`),
    check("claim_figures_text_check", sql`length(${t.text}) between 1 and 500`),
  ],
);

export type ClaimFigureRow = typeof claimFigures.$inferSelect;
