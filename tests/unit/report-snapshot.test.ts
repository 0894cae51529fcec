import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { prepareReport } from "../../lib/reports/prepare";
import { renderReport } from "../../lib/reports/render";
import { buildClaimReviews } from "../../lib/reports/render-jsonld";
import {
  REPORT_SNAPSHOT_VERSION,
  ReportSnapshotError,
  readReportSnapshot,
  toStoredSnapshot,
} from "../../lib/reports/report-snapshot";
import { REPORT_FORMATS, type ReportFormat } from "../../lib/reports/types";
import { reportFixture } from "../fixtures/report-data";

/** Publications stored by earlier releases, exactly as PostgreSQL gave them back. Never edit one: add a new file. */
const stored = (name: string): unknown =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/report-snapshots/${name}`, import.meta.url), "utf8"));

describe("stored report snapshots", () => {
  it("reads a publication stored before snapshots were versioned, and renders it in every format", async () => {
    const data = readReportSnapshot(stored("unversioned-2026-12-01.json"));
    expect(data.article.title).toBe("Lammy urges Nato allies to get serious");
    expect(data.claims.map((c) => [c.statement, c.verdict])).toEqual([
      ["In the United Kingdom, we are at 2.3 per cent", "verified"],
      ["10,000 North Korea troops", "disputed"],
    ]);
    expect(prepareReport(data).claims).toHaveLength(2);
    for (const format of Object.keys(REPORT_FORMATS) as ReportFormat[]) {
      const { body } = await renderReport(data, format);
      expect(body.length, format).toBeGreaterThan(200);
      if (typeof body === "string") expect(body, format).toContain("10,000 North Korea troops");
    }
    expect(buildClaimReviews(data)).toHaveLength(2);
  });

  it("reads an older publication without the fields added since (anchor state, figures, first publication)", () => {
    const old = stored("unversioned-2026-12-01.json") as { claims: Record<string, unknown>[] };
    for (const claim of old.claims) {
      delete claim.anchorState;
      delete claim.figures;
      delete claim.publishedAt;
      delete claim.lastRecheckedAt;
    }
    const data = readReportSnapshot(old);
    expect(data.claims[0]).not.toHaveProperty("figures");
    expect(prepareReport(data).claims[0]!.figures).toEqual([]);
  });

  it("stores the schema version and reads back the same report", () => {
    const report = reportFixture("public");
    const row = JSON.parse(JSON.stringify(toStoredSnapshot(report))) as unknown;
    expect(row).toMatchObject({ schemaVersion: REPORT_SNAPSHOT_VERSION });
    expect(readReportSnapshot(row)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("refuses a snapshot that matches no version, naming what is wrong", () => {
    const row = toStoredSnapshot(reportFixture("public"));
    expect(() => readReportSnapshot({ ...row, schemaVersion: 99 })).toThrow(ReportSnapshotError);
    const broken = { ...row, claims: [{ ...row.claims[0]!, verdict: "sort of true" }] };
    expect(() => readReportSnapshot(broken)).toThrow(/claims\.0\.verdict/);
    expect(() => readReportSnapshot(null)).toThrow(ReportSnapshotError);
  });
});
