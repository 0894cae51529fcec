/**
 * Structured figures (issue 12): the numbers a claim states, as data. Pure types shared by the
 * extractor, the normaliser, the database layer and the UI.
 */

/**
 * Canonical qualifiers ("more than"/"less than" are strict bounds, "about"/"nearly" approximate) and
 * unit kinds (two figures are only compared when their kinds and base units match: 2.3% and £2.3bn
 * never "disagree"). The words live in domain/vocabulary.ts, because claim_figures stores them.
 */
import { FIGURE_QUALIFIERS, FIGURE_UNIT_KINDS, type FigureQualifier, type FigureUnitKind } from "@/domain/vocabulary";

export { FIGURE_QUALIFIERS, FIGURE_UNIT_KINDS, type FigureQualifier, type FigureUnitKind };

/** The parts of a figure needed to compare it; what a stored (possibly hand-edited) figure has. */
export interface FigureCore {
  /** The number as written, before the scale: 3.4 for "£3.4bn", 33.3333 for "a third". */
  value: number;
  /** Multiplier the text gives: 1, 1e3 ("thousand", "k"), 1e6 ("m", "million"), 1e9 ("bn"), 1e12. */
  scale: number;
  /** Canonical unit: "%", "pp", an ISO 4217 code ("GBP"), a count noun ("troops"), "cm", "times"… */
  unit: string | null;
  unitKind: FigureUnitKind;
  qualifier: FigureQualifier | null;
  /** Written loosely ("a third", "one in five", "tripled"): compared with a ±10% allowance. */
  approximate: boolean;
}

export interface Figure extends FigureCore {
  /** The words the figure was read from, e.g. "more than £3.4bn". */
  text: string;
  /** UTF-16 offsets of `text` in the input (JavaScript string offsets, not code points). */
  start: number;
  end: number;
  /** "since 1990", "in 2024", "by 2029", "between 2010 and 2020", "last year", "a year"… */
  period: string | null;
  /** Canonical place name when the sentence gives one ("UK", "North Korea"). */
  place: string | null;
  /** What is measured, lower case, when the sentence says it ("defence spending"). */
  subject: string | null;
}

/** A figure reduced to one comparable quantity in a base unit, with the range it allows. */
export interface NormalisedFigure {
  /** value × scale × unit factor, in `baseUnit`: "£3.4bn" → 3_400_000_000 GBP; "50p" → 0.5 GBP. */
  amount: number;
  baseUnit: string | null;
  unitKind: FigureUnitKind;
  /** The interval of true values the wording allows (rounding, qualifier, approximation). */
  low: number;
  high: number;
  /** Stable comparable form: "3400000000 GBP", "2.3 %", "10000 troops", "3 times". */
  key: string;
}

export type FigureComparison = "agree" | "disagree" | "incomparable";
