/**
 * A published report is stored as a snapshot (`report_publications.snapshot`) that must render for
 * as long as it is online, whatever `ReportData` becomes. So the snapshot carries the version of
 * its schema, and every reader parses it here instead of casting the JSON.
 *
 * Versions:
 * - no `schemaVersion`: stored before snapshots were versioned (December 2026); the shape of v1.
 * - 1: `ReportData` as of December 2026, plus `schemaVersion: 1`.
 *
 * `reportSnapshotV1` must produce exactly today's `ReportData` (viewSchema checks it), so a change
 * of `ReportData` stops compiling here. Then: keep the v1 schema as it is (declare its output type
 * beside it instead of `ReportData`), write v2 for the new shape, add an upgrade from v1 to v2 in
 * `readReportSnapshot`, and bump REPORT_SNAPSHOT_VERSION. The committed old snapshots in
 * tests/fixtures/report-snapshots/ must keep rendering (tests/unit/report-snapshot.test.ts).
 */
import { z } from "zod";
import {
  ANCHOR_STATES,
  CLAIM_STATUSES,
  CLAIMANT_TYPES,
  FIGURE_ORIGINS,
  FIGURE_QUALIFIERS,
  FIGURE_UNIT_KINDS,
  SOURCE_KINDS,
  VERDICTS,
} from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";
import type { ReportData } from "./types";

export const REPORT_SNAPSHOT_VERSION = 1;

const verdict = z.enum(VERDICTS);
const nullableText = z.string().nullable();
const correction = z.object({ claimId: z.string(), date: z.string(), from: verdict, to: verdict, note: z.string() });

const reportSnapshotV1 = viewSchema<ReportData>()(
  z.object({
    variant: z.enum(["public", "internal"]),
    article: z.object({
      id: z.string(),
      title: z.string(),
      slug: z.string(),
      url: nullableText,
      publisher: nullableText,
      author: nullableText,
      publishedAt: nullableText,
    }),
    organization: z.object({ name: z.string(), url: z.string() }),
    reportUrl: z.string(),
    generatedAt: z.string(),
    firstPublishedAt: nullableText,
    modifiedAt: nullableText,
    claims: z.array(
      z.object({
        id: z.string(),
        position: z.number(),
        exact: z.string(),
        anchorState: z.enum(ANCHOR_STATES).optional(),
        contextBefore: z.string(),
        contextAfter: z.string(),
        claimant: nullableText,
        claimantType: z.enum(CLAIMANT_TYPES),
        statement: z.string(),
        claimDate: nullableText,
        verdict,
        rationale: z.string(),
        status: z.enum(CLAIM_STATUSES),
        approvedBy: nullableText,
        approvedAt: nullableText,
        lastRecheckedAt: nullableText.optional(),
        publishedAt: nullableText.optional(),
        sources: z.array(
          z.object({
            title: z.string(),
            publisher: nullableText,
            url: z.string(),
            accessedAt: nullableText,
            quote: nullableText,
            kind: z.enum(SOURCE_KINDS),
            internal: z.boolean(),
            // Added when the public page is served, never stored; a stored one is kept as it is.
            archiveUrl: z.string().optional(),
          }),
        ),
        figures: z
          .array(
            z.object({
              origin: z.enum(FIGURE_ORIGINS),
              text: z.string(),
              value: z.number(),
              scale: z.number(),
              unit: nullableText,
              unitKind: z.enum(FIGURE_UNIT_KINDS),
              currency: nullableText,
              qualifier: z.enum(FIGURE_QUALIFIERS).nullable(),
              approximate: z.boolean(),
              period: nullableText,
              place: nullableText,
              subject: nullableText,
              edited: z.boolean(),
            }),
          )
          .optional(),
      }),
    ),
    corrections: z.array(correction),
  }),
);

/**
 * What an export or a republish needs of the last publication (its date, its corrections, each
 * claim's verdict), checked like the whole snapshot but without walking every source and figure:
 * the export of a 1,000-claim report parsed 1.7 MB of snapshot for these (bench/export.bench.ts).
 */
const snapshotHistoryV1 = z.object({
  modifiedAt: nullableText,
  claims: z.array(z.object({ id: z.string(), statement: z.string(), verdict })),
  corrections: z.array(correction),
});

export type ReportSnapshotHistory = z.infer<typeof snapshotHistoryV1>;

/** What `report_publications.snapshot` holds from now on. */
export type StoredReportSnapshot = ReportData & { schemaVersion: typeof REPORT_SNAPSHOT_VERSION };

export function toStoredSnapshot(data: ReportData): StoredReportSnapshot {
  return { ...data, schemaVersion: REPORT_SNAPSHOT_VERSION };
}

/** A stored snapshot that matches no version it claims: the publication cannot be shown as stored. */
export class ReportSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportSnapshotError";
  }
}

/**
 * The `ReportData` of a stored snapshot of any version, upgraded to today's shape. Throws
 * ReportSnapshotError (naming the first field that does not match) rather than rendering a guess.
 */
export function readReportSnapshot(stored: unknown): ReportData {
  const version = schemaVersionOf(stored);
  switch (version) {
    case 0: // unversioned: the shape of v1
    case 1:
      return parseOrThrow(reportSnapshotV1, stored, version);
    default:
      throw new ReportSnapshotError(`Report snapshot of unknown schema version ${JSON.stringify(version)}.`);
  }
}

/** readReportSnapshot's checks and versions, for the fields of ReportSnapshotHistory only. */
export function readReportSnapshotHistory(stored: unknown): ReportSnapshotHistory {
  const version = schemaVersionOf(stored);
  switch (version) {
    case 0:
    case 1:
      return parseOrThrow(snapshotHistoryV1, stored, version);
    default:
      throw new ReportSnapshotError(`Report snapshot of unknown schema version ${JSON.stringify(version)}.`);
  }
}

function schemaVersionOf(stored: unknown): unknown {
  return stored && typeof stored === "object" && "schemaVersion" in stored
    ? (stored as { schemaVersion: unknown }).schemaVersion
    : 0;
}

function parseOrThrow<T>(schema: z.ZodType<T>, stored: unknown, version: unknown): T {
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ReportSnapshotError(
    `Report snapshot (schema version ${String(version)}) does not match: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}.`,
  );
}
