/**
 * Turns audit rows into the sentences of a claim's history ("Ana changed the verdict from
 * Disputed to False, 14:02"). Pure: the clock and the time zone come in as arguments, so the same
 * row always reads the same way and the unit tests need no database.
 */
import { describeReanchoring } from "../anchoring/anchor-words";
import { type ClaimAuditAction, isClaimAuditAction } from "../audit/audit-catalogue";
import { VERDICT_INFO, isVerdict } from "../claims/verdicts";

export interface HistoryRecord {
  actorId?: string | null;
  /** The actor's display name; null for changes made by the system (e.g. a migration). */
  actorName: string | null;
  action: string;
  at: string | Date;
  before: unknown;
  after: unknown;
  meta: unknown;
}

export interface HistoryTextOptions {
  /** IANA zone the reader lives in; UTC when absent. */
  timeZone?: string;
  /** The reader's "now": a change made the same day shows only its time. Without it, the full date. */
  now?: Date;
}

type Fields = Record<string, unknown>;

const CLAIM_FIELD_LABELS: Record<string, string> = {
  verdict: "the verdict",
  statement: "the claim statement",
  rationale: 'the "how we checked" note',
  claimant: "the claimant",
  claimantType: "the claimant type",
  claimDate: "the claim date",
  claimPlace: "where the claim was made",
  appearanceUrl: "the appearance URL",
};

const SOURCE_FIELD_LABELS: Record<string, string> = {
  url: "the URL",
  title: "the title",
  publisher: "the publisher",
  quote: "the quoted passage",
  accessedAt: "the accessed date",
  kind: "the kind",
  internal: "internal",
};

/** Fields whose values read as words, not as quoted text. */
const PLAIN_VALUE_FIELDS = new Set(["verdict", "claimantType", "claimDate", "accessedAt", "kind", "internal"]);

const MAX_QUOTE = 80;

export function historyText(record: HistoryRecord, options: HistoryTextOptions = {}): string {
  return `${describeChange(record)}, ${formatWhen(record.at, options)}`;
}

/** The sentence without its time: "Ana changed the verdict from Disputed to False". */
export function describeChange(record: HistoryRecord): string {
  const who = record.actorName?.trim() || "The system";
  const before = asFields(record.before);
  const after = asFields(record.after);
  const meta = asFields(record.meta);
  const backToReview = meta.backToReview === true ? ", which sent it back to review" : "";

  if (record.action === "access.denied") {
    return `${who} was refused an action${typeof meta.reason === "string" ? ` (${meta.reason})` : ""}`;
  }
  // Every action the catalogue declares on a claim has its words below: a new one without them
  // does not compile. Rows are read leniently here (a field missing reads as "…"); the readers
  // check them against the catalogue and mark the ones that do not match.
  if (!isClaimAuditAction(record.action)) return `${who} made a change (${record.action})`;
  const action: ClaimAuditAction = record.action;
  switch (action) {
    case "claim.create":
      return `${who} marked the claim ${quote(after.exact ?? after.statement)}`;
    case "claim.update": {
      const changes = fieldChanges(before, after, CLAIM_FIELD_LABELS);
      return `${who} ${changes.length ? joinWords(changes) : "edited the claim"}${backToReview}`;
    }
    case "source.add":
      return `${who} added the source ${quote(after.title)}${after.internal === true ? " (internal)" : ""}${backToReview}`;
    case "source.update": {
      const changes = fieldChanges(withoutKey(before, "sourceId"), withoutKey(after, "sourceId"), SOURCE_FIELD_LABELS);
      return `${who} edited a source${changes.length ? `: ${joinWords(changes)}` : ""}${backToReview}`;
    }
    case "source.remove":
      return `${who} removed the source ${quote(before.title)}${backToReview}`;
    case "claim.submit":
      return `${who} submitted the claim for review`;
    case "claim.withdraw":
      return `${who} withdrew the claim from review`;
    case "claim.approve": {
      const verdict = verdictLabel(after.verdict);
      const note = text(after.reason) ? `: ${quote(after.reason)}` : "";
      return `${who} approved the claim${verdict ? ` with the verdict ${verdict}` : ""}${note}`;
    }
    case "claim.request_changes":
      return `${who} requested changes${text(after.reason) ? `: ${quote(after.reason)}` : ""}`;
    case "claim.assign":
      return describeAssignment(who, record.actorId ?? null, before, after);
    case "claim.reanchor":
      return `${who} saved ${revisionName(after.revision)}: ${describeAnchorMove(before, after)}${
        meta.backToReview === true ? "; the claim went back to review" : ""
      }`;
    case "claim.figure_edit":
      return `${who} corrected the figure ${quote(before.text ?? after.text)}: ${figureReadingWords(after)}${backToReview}`;
    case "claim.figure_revert":
      return `${who} undid the correction of the figure ${quote(before.text)}${backToReview}`;
    case "claim.figure_warnings_confirmed": {
      const count = Array.isArray(meta.warnings) ? meta.warnings.length : 0;
      return `${who} approved over ${count === 1 ? "a figure warning" : `${count} figure warnings`}${
        Array.isArray(meta.warnings) && meta.warnings.length
          ? `: ${meta.warnings
              .map((w) => quote(asFields(w).message))
              .slice(0, 3)
              .join("; ")}`
          : ""
      }`;
    }
    case "comment.add":
      return `${who} commented: ${quote(after.body)}`;
    case "comment.edit":
      return `${who} edited a comment from ${quote(before.body)} to ${quote(after.body)}`;
    case "claim.delete":
      return `${who} deleted the claim ${quote(before.exact ?? before.statement)}`;
    case "claim.reattach":
      return `${who} re-attached the claim to ${quote(after.exact)} in ${revisionName(after.revision)}`;
    case "claim.match_confirm":
      return `${who} confirmed that the claim matches an earlier fact-check`;
    case "claim.verdict_difference_confirmed": {
      const theirs = verdictLabel(after.groupVerdict);
      return `${who} confirmed a verdict different from the matching fact-check's${theirs ? ` (${theirs})` : ""}`;
    }
    case "claim.recheck_date":
      return text(after.recheckBy)
        ? `${who} set the re-check date to ${String(after.recheckBy)}`
        : `${who} cleared the re-check date`;
    case "claim.recheck_due":
      return `${who} marked the claim due for re-check`;
    case "claim.recheck_start":
      return `${who} re-checked the claim and sent it to review${text(after.note) ? `: ${quote(after.note)}` : ""}`;
    default: {
      const unworded: never = action;
      return `${who} made a change (${String(unworded)})`;
    }
  }
}

/** "14:02" the same day as `now`, "3 Mar, 14:02" the same year, else "3 Mar 2024, 14:02". */
export function formatWhen(at: string | Date, options: HistoryTextOptions = {}): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return "at an unknown time";
  const timeZone = options.timeZone ?? "UTC";
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(date);
  const day = (d: Date) =>
    new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(d);
  const year = (d: Date) => new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone }).format(d);
  if (options.now && day(options.now) === day(date)) return time;
  const sameYear = options.now !== undefined && year(options.now) === year(date);
  const dayMonth = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone,
  }).format(date);
  return `${dayMonth}, ${time}`;
}

function describeAssignment(who: string, actorId: string | null, before: Fields, after: Fields): string {
  const name = text(after.reviewerName);
  const previous = text(before.reviewerName);
  if (!after.reviewerId) return `${who} removed the assigned reviewer${previous ? ` (was ${previous})` : ""}`;
  if (actorId && after.reviewerId === actorId) return `${who} took the claim for review`;
  return `${who} assigned the claim to ${name ?? "a reviewer"}${previous ? ` (was ${previous})` : ""}`;
}

function describeAnchorMove(before: Fields, after: Fields): string {
  // The same words as the badges and the revision summary (lib/anchoring/anchor-words.ts).
  return describeReanchoring(before, after, quote);
}

function fieldChanges(before: Fields, after: Fields, labels: Record<string, string>): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const out: string[] = [];
  for (const key of keys) {
    const label = labels[key] ?? key;
    const from = before[key];
    const to = after[key];
    if (isEmpty(from) && isEmpty(to)) continue;
    if (isEmpty(from)) out.push(`set ${label} to ${fieldValue(key, to)}`);
    else if (isEmpty(to)) out.push(`cleared ${label} (was ${fieldValue(key, from)})`);
    else if (typeof from === "string" && typeof to === "string" && !PLAIN_VALUE_FIELDS.has(key)) {
      const [was, now] = changedParts(from, to);
      out.push(`changed ${label} from ${was} to ${now}`);
    } else out.push(`changed ${label} from ${fieldValue(key, from)} to ${fieldValue(key, to)}`);
  }
  return out;
}

function fieldValue(key: string, value: unknown): string {
  if (key === "verdict") return verdictLabel(value) ?? String(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (PLAIN_VALUE_FIELDS.has(key)) return String(value);
  return quote(value);
}

function verdictLabel(value: unknown): string | null {
  return isVerdict(value) ? VERDICT_INFO[value].label : null;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}

/** Words of unchanged text shown either side of a change inside a long value. */
const CHANGE_CONTEXT = 24;

/**
 * Both versions of a long text, quoted around the part that changed (with a little context and
 * an ellipsis where text is left out): quoting each from its start showed two identical quotes
 * when the edit was at the end of a long note.
 */
function changedParts(from: string, to: string): [string, string] {
  const a = Array.from(from.replace(/\s+/g, " ").trim());
  const b = Array.from(to.replace(/\s+/g, " ").trim());
  if (a.length <= MAX_QUOTE && b.length <= MAX_QUOTE) return [quote(from), quote(to)];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix])
    suffix++;
  // Start and end the context at a space, so no word is cut.
  let start = Math.max(0, prefix - CHANGE_CONTEXT);
  while (start > 0 && start < prefix && a[start - 1] !== " ") start++;
  const window = (chars: string[]): string => {
    let end = Math.min(chars.length, chars.length - suffix + CHANGE_CONTEXT);
    while (end < chars.length && end > chars.length - suffix && chars[end] !== " ") end--;
    // A rewrite of most of a long note still reads as one line of history.
    const cut = Math.min(end, start + 2 * MAX_QUOTE);
    const middle = chars.slice(start, cut).join("").trim();
    return `“${start > 0 ? "…" : ""}${middle}${cut < chars.length ? "…" : ""}”`;
  };
  return [window(a), window(b)];
}

/** “…”, on one line, cut to a readable length by code points (never inside a surrogate pair). */
function quote(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") return "“…”";
  const flat = String(value).replace(/\s+/g, " ").trim();
  const cps = Array.from(flat);
  return `“${
    cps.length > MAX_QUOTE
      ? `${cps
          .slice(0, MAX_QUOTE - 1)
          .join("")
          .trimEnd()}…`
      : flat
  }”`;
}

function revisionName(value: unknown): string {
  return typeof value === "number" ? `revision ${value}` : "a new revision";
}

/** "a", "a and b", "a, b and c". */
function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function asFields(value: unknown): Fields {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : {};
}

function withoutKey(fields: Fields, key: string): Fields {
  const { [key]: _omit, ...rest } = fields;
  return rest;
}

/** "2.5 % of GDP (defence spending, UK, in 2024)": how a corrected figure now reads. */
function figureReadingWords(after: Fields): string {
  const value = typeof after.value === "number" ? after.value : null;
  const scale = typeof after.scale === "number" && after.scale !== 1 ? ` × ${after.scale.toLocaleString("en-GB")}` : "";
  const unit = typeof after.unit === "string" && after.unit ? ` ${after.unit}` : "";
  const qualifier = typeof after.qualifier === "string" ? `${after.qualifier} ` : "";
  const context = [after.subject, after.place, after.period].filter((v): v is string => typeof v === "string" && v !== "");
  return `${qualifier}${value ?? "?"}${scale}${unit}${context.length ? ` (${context.join(", ")})` : ""}`;
}
