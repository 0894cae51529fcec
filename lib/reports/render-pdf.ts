import PDFDocument from "pdfkit";
import { BEST_RATING, WORST_RATING } from "../claims/verdicts";
import { collapseWhitespace, splitParagraphs, toPdfText, toSafeHttpUrl } from "./escape";
import { STATUS_LABELS, prepareReport, type PreparedClaim, type PreparedReport, type PreparedSource } from "./prepare";
import {
  VERDICT_COLORS,
  chartRows,
  claimCountText,
  formatDate,
  formatDateTime,
  ratingText,
  scaleNote,
  statusSummary,
  verdictText,
} from "./report-text";
import type { ReportData } from "./types";
import { INK, MUTED, ALERT, PENDING, MARGIN, type Segment, Writer, loadFonts } from "./pdf-writer";

/**
 * A4 PDF with real (selectable, searchable) text. DejaVu is embedded (subset) because PDFKit's
 * built-in fonts only cover Latin-1: curly quotes, "✓", "⇄" and most non-English names would
 * otherwise vanish (pdf-writer.ts). Pages are buffered so the footer can say "Page n of m".
 */
export async function renderPdf(data: ReportData): Promise<Buffer> {
  const report = prepareReport(data);
  const fonts = loadFonts();
  const created = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: "en",
    displayTitle: true,
    // A TTF as the initial font keeps PDFKit from loading Helvetica's AFM file, which bundlers
    // tend to lose, and guarantees no text is ever set in a Latin-1-only font.
    font: fonts.paths.sans,
    info: {
      Title: toPdfText(`Fact-check report: ${report.article.title}`),
      Author: toPdfText(report.organization.name),
      Subject: report.isInternal ? "Internal fact-check report" : "Fact-check report",
      Creator: "Fact-check Desk",
      Producer: "Fact-check Desk (PDFKit)",
      // Fixed from the data rather than the clock: the same report gives the same bytes.
      ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created, ModDate: created }),
    },
  });
  // PDFKit caches a font under the key it was selected by, except when it recognises the font as
  // one it already has, in which case it re-parses it on every selection. So the regular face,
  // loaded by the constructor under its path, is selected by that path (Writer.font) and only the
  // other faces are registered.
  for (const [name, buffer] of Object.entries(fonts.buffers)) {
    if (name !== "sans") doc.registerFont(name, buffer);
  }

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const w = new Writer(doc);
  header(w, report);
  summary(w, report);
  ratingScale(w, report);
  // Keep the heading with the start of the first claim.
  w.ensureSpace(240);
  w.heading("Claims", 2);
  if (report.claims.length === 0) w.paragraph("No claims have been published for this article yet.");
  for (const claim of report.claims) claimSection(w, report, claim);
  corrections(w, report);
  w.gap(1);
  w.rich([
    { text: "Fact-check report by ", color: MUTED, size: 9 },
    { text: report.organization.name, color: MUTED, size: 9, link: report.organization.href },
    { text: ". Public page: ", color: MUTED, size: 9 },
    { text: report.reportUrl, color: MUTED, size: 9, link: toSafeHttpUrl(report.reportUrl) },
    { text: `. Generated ${formatDateTime(report.generatedAt)}.`, color: MUTED, size: 9 },
  ]);
  pageFooters(w, report);

  doc.end();
  return finished;
}

// ---------------------------------------------------------------------------------------------
// Sections

function header(w: Writer, report: PreparedReport): void {
  if (report.isInternal)
    w.banner("INTERNAL REPORT: not for publication. It includes claims that are not approved and sources marked internal.");
  w.rich([{ text: `FACT-CHECK REPORT · ${report.organization.name}`, size: 9, color: MUTED }]);
  w.gap(0.3);
  w.rich([{ text: report.article.title, font: "bold", size: 20 }]);
  w.gap(0.5);
  const { article } = report;
  const rows: Array<[string, Segment[] | null]> = [
    ["Article", article.url === null ? null : [{ text: article.url, link: article.href }]],
    ["Publisher", article.publisher === null ? null : [{ text: article.publisher }]],
    ["Author", article.author === null ? null : [{ text: article.author }]],
    ["Published", article.publishedAt === null ? null : [{ text: formatDate(article.publishedAt) }]],
    ["Fact-checked by", [{ text: report.organization.name, link: report.organization.href }]],
    [
      "Report first published",
      [{ text: report.firstPublishedAt === null ? "Not yet published" : formatDate(report.firstPublishedAt) }],
    ],
    ["Last updated", report.modifiedAt === null ? null : [{ text: formatDate(report.modifiedAt) }]],
  ];
  for (const [label, value] of rows) {
    if (value === null) continue;
    w.rich([{ text: `${label}: `, font: "bold", size: 10 }, ...value.map((s) => ({ size: 10, ...s }))]);
  }
}

function summary(w: Writer, report: PreparedReport): void {
  w.heading("Summary", 2);
  w.paragraph(
    report.isInternal
      ? `This internal report lists ${claimCountText(report.claims.length)}: ${statusSummary(report) || "none"}.`
      : `We checked ${claimCountText(report.claims.length)} in this article.`,
  );
  const rows = chartRows(report);
  if (rows.length === 0) return;
  const { doc } = w;
  const rowHeight = 20;
  const labelWidth = 130;
  const barMax = w.width - labelWidth - 40;
  const max = Math.max(...rows.map((row) => row.count));
  w.gap(0.4);
  w.ensureSpace(rows.length * rowHeight + 8);
  const top = doc.y;
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    const barWidth = Math.max(2, (row.count / max) * barMax);
    w.font("sans").fontSize(10).fillColor(INK);
    doc.text(toPdfText(verdictText(row.info)), w.left, y + 3, { lineBreak: false });
    doc.rect(w.left + labelWidth, y + 2, barWidth, 14).fill(VERDICT_COLORS[row.verdict]);
    doc.fillColor(INK).text(String(row.count), w.left + labelWidth + barWidth + 6, y + 3, { lineBreak: false });
  });
  doc.x = w.left;
  doc.y = top + rows.length * rowHeight;
  w.gap(0.4);
}

function ratingScale(w: Writer, report: PreparedReport): void {
  w.heading("Rating scale", 2);
  for (const { verdict, info } of report.ratingScale) {
    w.rich([
      { text: verdictText(info), font: "bold", color: VERDICT_COLORS[verdict] },
      { text: ` (${ratingText(info, BEST_RATING)}): `, color: MUTED },
      { text: info.meaning },
    ]);
    w.gap(0.25);
  }
  w.rich([{ text: scaleNote(BEST_RATING, WORST_RATING), size: 9, color: MUTED }]);
}

function claimSection(w: Writer, report: PreparedReport, claim: PreparedClaim): void {
  const { doc } = w;
  w.ensureSpace(150);
  w.gap(0.6);
  w.rule();
  w.gap(0.6);
  doc.outline.addItem(toPdfText(`Claim ${claim.number}: ${truncate(collapseWhitespace(claim.statement), 60)}`));
  if (report.isInternal) {
    w.rich(
      claim.isApproved
        ? [{ text: `Status: ${STATUS_LABELS[claim.status]}`, font: "bold", color: VERDICT_COLORS.verified }]
        : [
            { text: `Status: ${STATUS_LABELS[claim.status]}. `, font: "bold", color: PENDING },
            { text: "Not approved; not part of the public report.", color: PENDING },
          ],
    );
    if (claim.anchorNote !== null) w.rich([{ text: claim.anchorNote, font: "bold", color: PENDING }]);
    w.gap(0.3);
  }
  w.rich([{ text: `CLAIM ${claim.number}`, size: 9, color: MUTED }]);
  w.rich([{ text: collapseWhitespace(claim.statement), font: "bold", size: 13 }]);
  w.gap(0.4);

  const { context } = claim;
  w.rich(
    [
      { text: `${context.isBeforeClipped ? "…" : ""}${context.before}`, font: "serifItalic", color: MUTED },
      { text: collapseWhitespace(claim.exact), font: "serifBoldItalic" },
      { text: `${context.after}${context.isAfterClipped ? "…" : ""}`, font: "serifItalic", color: MUTED },
    ],
    { indent: 14, bar: true },
  );
  w.gap(0.4);

  w.rich([
    { text: "Claimant: ", font: "bold" },
    { text: claim.claimant === null ? "Not recorded" : `${claim.claimant} (${claim.claimantType})` },
  ]);
  if (claim.claimDate !== null) {
    w.rich([{ text: "Claim made: ", font: "bold" }, { text: formatDate(claim.claimDate) }]);
  }
  w.rich([
    { text: "Verdict: ", font: "bold" },
    { text: verdictText(claim.verdictInfo), font: "bold", color: VERDICT_COLORS[claim.verdict] },
    { text: `. ${claim.verdictInfo.meaning}` },
  ]);

  w.heading("How we checked", 4);
  const rationale = splitParagraphs(claim.rationale);
  if (rationale.length === 0) w.paragraph("No explanation has been written yet.");
  for (const lines of rationale) w.paragraph(lines.join("\n"));

  w.heading("Sources", 4);
  if (claim.sources.length === 0) {
    w.paragraph(report.isInternal ? "No sources have been added yet." : "No public sources are listed for this claim.");
  }
  claim.sources.forEach((source, index) => sourceItem(w, source, index + 1));

  w.gap(0.3);
  w.rich([{ text: approvalText(claim), font: "oblique", size: 9.5, color: MUTED }]);
  if (claim.dateModified !== null) {
    w.rich([
      {
        text: `Verdict corrected on ${formatDate(claim.dateModified)}; see Corrections.`,
        font: "oblique",
        size: 9.5,
        color: MUTED,
      },
    ]);
  }
}

function sourceItem(w: Writer, source: PreparedSource, number: number): void {
  const segments: Segment[] = [{ text: `${number}. ` }];
  if (source.internal) segments.push({ text: "Internal source, do not publish: ", font: "bold", color: ALERT });
  segments.push({ text: source.title, link: source.href });
  if (source.publisher !== null && collapseWhitespace(source.publisher) !== "") {
    segments.push({ text: `, ${source.publisher}` });
  }
  segments.push({ text: "." });
  if (source.href === null && collapseWhitespace(source.url) !== "") {
    segments.push({ text: ` Address (not linked, not a web link): ${source.url}.`, color: MUTED });
  } else if (source.href !== null) {
    segments.push({ text: " " }, { text: source.href, color: MUTED, size: 8.5, link: source.href });
  }
  if (source.accessedAt !== null) segments.push({ text: ` Accessed ${formatDate(source.accessedAt)}.` });
  w.rich(segments, { indent: 10 });
  if (source.quote !== null) {
    for (const lines of splitParagraphs(source.quote)) {
      w.rich([{ text: lines.join("\n"), font: "serifItalic", color: MUTED, size: 9.5 }], { indent: 26, bar: true });
    }
  }
  w.gap(0.3);
}

function corrections(w: Writer, report: PreparedReport): void {
  w.ensureSpace(80);
  w.gap(0.6);
  w.heading("Corrections", 2);
  if (report.corrections.length === 0) {
    w.paragraph("No verdict in this report has been corrected since it was first published.");
    return;
  }
  for (const c of report.corrections) {
    w.rich([
      { text: formatDate(c.date), font: "bold" },
      {
        text:
          `: Claim ${c.claimNumber}, “${collapseWhitespace(c.claimStatement)}”: verdict changed from ` +
          `${verdictText(c.fromInfo)} to ${verdictText(c.toInfo)}.`,
      },
    ]);
    for (const lines of splitParagraphs(c.note)) w.paragraph(lines.join("\n"), { indent: 10 });
    w.gap(0.3);
  }
}

function pageFooters(w: Writer, report: PreparedReport): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const prefix = report.isInternal ? "INTERNAL · " : "";
  const fullLabel = toPdfText(
    `${prefix}${collapseWhitespace(report.organization.name)} · Fact-check report: ${collapseWhitespace(report.article.title)}`,
  );
  w.font("sans").fontSize(8);
  // Leave room for the widest "Page n of m".
  const room = w.width - doc.widthOfString(`Page ${range.count} of ${range.count}`) - 16;
  let label = fullLabel;
  for (let max = Array.from(fullLabel).length; doc.widthOfString(label) > room && max > 1; max -= 1) {
    label = truncate(fullLabel, max);
  }
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise make PDFKit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    const pageText = `Page ${i + 1} of ${range.count}`;
    w.font("sans").fontSize(8).fillColor(MUTED);
    doc.text(label, w.left, y, { lineBreak: false });
    doc.text(pageText, doc.page.width - MARGIN.right - doc.widthOfString(pageText), y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function approvalText(claim: PreparedClaim): string {
  if (!claim.isApproved) return "Not yet approved.";
  const by = claim.approvedBy === null ? "" : ` by ${collapseWhitespace(claim.approvedBy)}`;
  const at = claim.approvedAt === null ? "" : ` on ${formatDateTime(claim.approvedAt)}`;
  return `Approved${by}${at}.`;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
