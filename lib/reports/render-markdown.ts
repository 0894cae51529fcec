import { BEST_RATING, WORST_RATING } from "../claims/verdicts";
import {
  collapseWhitespace,
  escapeMarkdown as md,
  escapeMarkdownLinkText,
  escapeMarkdownParagraphs,
  markdownLinkDestination,
  toSafeHttpUrl,
} from "./escape";
import { STATUS_LABELS, prepareReport, type PreparedClaim, type PreparedReport, type PreparedSource } from "./prepare";
import {
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

/**
 * CommonMark/GFM. Every piece of user text goes through escapeMarkdown, and the only links are
 * `[escaped text](destination)` built from URLs that passed toSafeHttpUrl, so the file renders
 * the same text in any Markdown viewer and carries no raw HTML and no non-http(s) link.
 */
export function renderMarkdown(data: ReportData): string {
  const report = prepareReport(data);
  const blocks: string[] = [];

  blocks.push(`# Fact-check report: ${md(report.article.title)}`);
  if (report.isInternal) {
    blocks.push(
      "> **INTERNAL REPORT: not for publication.** It includes claims that are not approved " + "and sources marked internal.",
    );
  }
  blocks.push(metadata(report));
  blocks.push(...summary(report));
  blocks.push(...ratingScale(report));
  blocks.push("## Claims");
  if (report.claims.length === 0) blocks.push("No claims have been published for this article yet.");
  for (const claim of report.claims) blocks.push(...claimBlocks(report, claim));
  blocks.push(...corrections(report));
  blocks.push("---");
  blocks.push(`*Report by ${md(report.organization.name)}, generated ${md(formatDateTime(report.generatedAt))}.*`);

  return `${blocks.join("\n\n")}\n`;
}

function metadata(report: PreparedReport): string {
  const { article } = report;
  const rows: Array<[string, string | null]> = [
    ["Article", article.url === null ? null : link(article.url, article.href)],
    ["Publisher", article.publisher === null ? null : md(article.publisher)],
    ["Author", article.author === null ? null : md(article.author)],
    ["Published", article.publishedAt === null ? null : md(formatDate(article.publishedAt))],
    ["Fact-checked by", link(report.organization.name, report.organization.href)],
    ["Report", link(report.reportUrl, toSafeHttpUrl(report.reportUrl))],
    ["Report first published", report.firstPublishedAt === null ? "not yet published" : md(formatDate(report.firstPublishedAt))],
    ["Last updated", report.modifiedAt === null ? null : md(formatDate(report.modifiedAt))],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([label, value]) => `- **${label}:** ${value}`)
    .join("\n");
}

function summary(report: PreparedReport): string[] {
  const blocks = ["## Summary"];
  blocks.push(
    report.isInternal
      ? `This internal report lists ${claimCountText(report.claims.length)}: ${statusSummary(report) || "none"}.`
      : `We checked ${claimCountText(report.claims.length)} in this article.`,
  );
  const rows = chartRows(report);
  if (rows.length > 0) {
    blocks.push(
      ["| Verdict | Claims |", "| --- | ---: |", ...rows.map((row) => `| ${md(verdictText(row.info))} | ${row.count} |`)].join(
        "\n",
      ),
    );
  }
  return blocks;
}

function ratingScale(report: PreparedReport): string[] {
  return [
    "## Rating scale",
    report.ratingScale
      .map(({ info }) => `- **${md(verdictText(info))}** (${md(ratingText(info, BEST_RATING))}): ${md(info.meaning)}`)
      .join("\n"),
    md(scaleNote(BEST_RATING, WORST_RATING)),
  ];
}

function claimBlocks(report: PreparedReport, claim: PreparedClaim): string[] {
  const blocks = [`### Claim ${claim.number}: ${md(claim.statement)}`];
  if (report.isInternal) {
    blocks.push(
      claim.isApproved
        ? `**Status:** ${STATUS_LABELS[claim.status]}`
        : `**Status: ${STATUS_LABELS[claim.status]}.** Not approved; not part of the public report.`,
    );
    if (claim.anchorNote !== null) blocks.push(`**${md(claim.anchorNote)}**`);
  }
  blocks.push(`> ${quoteWithContext(claim)}`);

  const facts = [`- **Claimant:** ${claim.claimant === null ? "not recorded" : `${md(claim.claimant)} (${claim.claimantType})`}`];
  if (claim.claimDate !== null) facts.push(`- **Claim made:** ${md(formatDate(claim.claimDate))}`);
  facts.push(`- **Verdict:** **${md(verdictText(claim.verdictInfo))}**. ${md(claim.verdictInfo.meaning)}`);
  blocks.push(facts.join("\n"));

  blocks.push("**How we checked**");
  const rationale = escapeMarkdownParagraphs(claim.rationale);
  blocks.push(...(rationale.length > 0 ? rationale : ["No explanation has been written yet."]));

  blocks.push("**Sources**");
  blocks.push(
    claim.sources.length > 0
      ? claim.sources.map((source, index) => sourceItem(source, index + 1)).join("\n")
      : report.isInternal
        ? "No sources have been added yet."
        : "No public sources are listed for this claim.",
  );

  blocks.push(`*${approvalText(claim)}*`);
  const latest = claim.dateModified;
  if (latest !== null) {
    blocks.push(`*Verdict corrected on ${md(formatDate(latest))}; see Corrections below.*`);
  }
  return blocks;
}

function quoteWithContext(claim: PreparedClaim): string {
  const { context } = claim;
  // The context keeps the single space that separated it from the quote; md() would trim it.
  const before = `${context.isBeforeClipped ? "…" : ""}${md(context.before)}${/\s$/.test(context.before) ? " " : ""}`;
  const after = `${/^\s/.test(context.after) ? " " : ""}${md(context.after)}${context.isAfterClipped ? "…" : ""}`;
  return `${before}**${md(claim.exact)}**${after}`;
}

function sourceItem(source: PreparedSource, number: number): string {
  const marker = `${number}.`;
  const indent = " ".repeat(marker.length + 1);
  let line = `${marker} `;
  if (source.internal) line += "**INTERNAL SOURCE, do not publish:** ";
  line += source.href === null ? md(source.title) : link(source.title, source.href);
  if (source.publisher !== null && collapseWhitespace(source.publisher) !== "") {
    line += `, ${md(source.publisher)}`;
  }
  line += ".";
  if (source.href === null && collapseWhitespace(source.url) !== "") {
    line += ` Address (not linked, not a web link): ${md(source.url)}.`;
  }
  if (source.accessedAt !== null) line += ` Accessed ${md(formatDate(source.accessedAt))}.`;
  const lines = [line];
  if (source.quote !== null) {
    const paragraphs = escapeMarkdownParagraphs(source.quote);
    if (paragraphs.length > 0) {
      lines.push(
        paragraphs
          .map((paragraph) =>
            paragraph
              .split("\n")
              .map((l) => `${indent}> ${l}`)
              .join("\n"),
          )
          .join(`\n${indent}>\n`),
      );
    }
  }
  return lines.join("\n");
}

function corrections(report: PreparedReport): string[] {
  const blocks = ["## Corrections"];
  if (report.corrections.length === 0) {
    blocks.push("No verdict in this report has been corrected since it was first published.");
    return blocks;
  }
  const items = report.corrections.map((correction) => {
    const head =
      `- **${md(formatDate(correction.date))}**: Claim ${correction.claimNumber}, ` +
      `“${md(correction.claimStatement)}”: verdict changed from ${md(verdictText(correction.fromInfo))} ` +
      `to ${md(verdictText(correction.toInfo))}.`;
    const note = escapeMarkdownParagraphs(correction.note).map((paragraph) =>
      paragraph
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n"),
    );
    return [head, ...note].join("\n\n");
  });
  blocks.push(items.join("\n"));
  return blocks;
}

function approvalText(claim: PreparedClaim): string {
  if (!claim.isApproved) return "Not yet approved.";
  const by = claim.approvedBy === null ? "" : ` by ${md(claim.approvedBy)}`;
  const at = claim.approvedAt === null ? "" : ` on ${md(formatDateTime(claim.approvedAt))}`;
  return `Approved${by}${at}.`;
}

/** `[text](url)` when the URL is safe to link, otherwise the text alone. */
function link(text: string, href: string | null): string {
  return href === null ? md(text) : `[${escapeMarkdownLinkText(text)}](${markdownLinkDestination(href)})`;
}
