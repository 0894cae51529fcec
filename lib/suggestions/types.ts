import type { ClaimantType } from "../claims/claimant-type";

/** Shapes shared by the suggester's modules. All offsets are UTF-16 indices until suggestClaims converts them. */

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  para: number;
  attribution?: Attribution;
}

export interface Unit extends Span {
  sentence: number;
}

export interface QuoteSeg extends Span {
  para: number;
  closed: boolean;
  /** Who is speaking, once known. */
  speaker: Resolved | undefined;
  /** Index of the segment continuing this one in the next paragraph, or -1. */
  next: number;
  prev: number;
}

export type ClaimantKind = ClaimantType;

export interface Resolved {
  claimant?: string;
  /** Person or organisation, when the resolver could tell. */
  type?: ClaimantKind;
  /** How the text refers to the speaker, for the reason when no name can be given. */
  label: string;
}

export interface Attribution {
  resolved: Resolved;
  directive: boolean;
  /** The words that attribute ("Mr Feltham said", ", the ONS said on Thursday,"), left out of clauses. */
  frame: Span;
}

export type SignalKind =
  | "percentage"
  | "money"
  | "measurement"
  | "quantity"
  | "proportion"
  | "figure"
  | "change"
  | "comparison"
  | "superlative"
  | "date"
  | "attribution";

export interface Signal extends Span {
  kind: SignalKind;
  weight: number;
  /** What the cue is ("percentage", "deadline"), the first part of its reason. */
  label: string;
  reason: string;
}

export interface Marker {
  start: number;
  kind: "opinion" | "prediction";
  reason: string;
  /** A prediction that hedges ("could", "expects", "forecast"), never a commitment to a date. */
  hedged?: boolean;
}

export interface Token {
  text: string;
  start: number;
}
