import { BEST_RATING, VERDICT_INFO, WORST_RATING } from "../claims/verdicts";
import { collapseWhitespace, escapeHtml as e, splitParagraphs, toSafeHttpUrl } from "./escape";
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
import { claimReviewsFor, jsonLdForScript } from "./render-jsonld";
import type { ReportClaim, ReportData } from "./types";

/**
 * One self-contained HTML file: inline CSS and SVG, no script other than the ClaimReview data
 * block, and nothing fetched when it is opened. User text only ever reaches the markup through
 * escapeHtml, and only http(s) URLs become href values. The file also carries its own CSP so that
 * it stays inert when opened from disk, where the server's `Content-Security-Policy: sandbox`
 * header no longer applies.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Other published fact-checks of the same claims (lib/matching/list-related-reports.ts), public page only. */
export interface RelatedFactCheck {
  title: string;
  url: string;
  publishedAt: string;
  claims: { statement: string; verdict: ReportClaim["verdict"] }[];
}

export function renderHtml(data: ReportData, related: RelatedFactCheck[] = []): string {
  const report = prepareReport(data);
  const title = `Fact-check report: ${report.article.title}`;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    ...(report.isInternal ? ['<meta name="robots" content="noindex, nofollow">'] : []),
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style>`,
    `<script type="application/ld+json">${jsonLdForScript(claimReviewsFor(report))}</script>`,
  ];
  const body = [
    header(report),
    "<main>",
    summary(report),
    ratingScale(report),
    claims(report),
    corrections(report),
    ...(related.length ? [relatedFactChecks(related)] : []),
    "</main>",
    footer(report),
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    ...head,
    "</head>",
    `<body class="variant-${report.variant}">`,
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function header(report: PreparedReport): string {
  const { article } = report;
  const rows: Array<[string, string | null]> = [
    ["Article", article.url === null ? null : link(article.url, article.href)],
    ["Publisher", article.publisher === null ? null : e(article.publisher)],
    ["Author", article.author === null ? null : e(article.author)],
    ["Published", article.publishedAt === null ? null : time(article.publishedAt, formatDate)],
    ["Fact-checked by", link(report.organization.name, report.organization.href)],
    [
      "Report first published",
      report.firstPublishedAt === null ? "Not yet published" : time(report.firstPublishedAt, formatDate),
    ],
    ["Last updated", report.modifiedAt === null ? null : time(report.modifiedAt, formatDate)],
  ];
  const banner = report.isInternal
    ? '<p class="banner"><strong>Internal report: not for publication.</strong> It includes claims ' +
      "that are not approved and sources marked internal.</p>\n"
    : "";
  return (
    `<header class="report-header">\n${banner}` +
    `<p class="kicker">Fact-check report · ${e(report.organization.name)}</p>\n` +
    `<h1>${e(article.title)}</h1>\n` +
    `<dl class="meta">\n${rows
      .filter((row): row is [string, string] => row[1] !== null)
      .map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`)
      .join("\n")}\n</dl>\n</header>`
  );
}

function summary(report: PreparedReport): string {
  const intro = report.isInternal
    ? `This internal report lists ${claimCountText(report.claims.length)}: ${e(statusSummary(report) || "none")}.`
    : `We checked ${claimCountText(report.claims.length)} in this article.`;
  return `<section id="summary">\n<h2>Summary</h2>\n<p>${intro}</p>\n${chart(report)}</section>`;
}

const CHART = { width: 560, labelWidth: 170, barWidth: 320, rowHeight: 28, barHeight: 18 };

/** Inline SVG: prints with its colours (unlike CSS backgrounds) and needs no fonts or images. */
function chart(report: PreparedReport): string {
  const rows = chartRows(report);
  if (rows.length === 0) return "";
  const max = Math.max(...rows.map((row) => row.count));
  const height = rows.length * CHART.rowHeight;
  const description = rows.map((row) => `${row.info.label}: ${row.count}`).join(", ");
  const shapes = rows.map((row, index) => {
    const y = index * CHART.rowHeight;
    const width = round1((row.count / max) * CHART.barWidth);
    const textY = y + CHART.rowHeight / 2 + 5;
    return (
      `<text x="0" y="${textY}">${e(verdictText(row.info))}</text>` +
      `<rect x="${CHART.labelWidth}" y="${y + (CHART.rowHeight - CHART.barHeight) / 2}" width="${width}" ` +
      `height="${CHART.barHeight}" rx="2" fill="${VERDICT_COLORS[row.verdict]}"/>` +
      `<text x="${round1(CHART.labelWidth + width + 8)}" y="${textY}">${row.count}</text>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" ` +
    `width="${CHART.width}" height="${height}" viewBox="0 0 ${CHART.width} ${height}">\n` +
    `<title id="chart-title">Claims by verdict: ${e(description)}</title>\n` +
    `${shapes.join("\n")}\n</svg>\n`
  );
}

function ratingScale(report: PreparedReport): string {
  const items = report.ratingScale.map(
    ({ verdict, info }) =>
      `<dt><span class="verdict verdict-${verdict}">${e(verdictText(info))}</span> ` +
      `<span class="rating">${e(ratingText(info, BEST_RATING))}</span></dt>` +
      `<dd>${e(info.meaning)}</dd>`,
  );
  return (
    `<section id="rating-scale">\n<h2>Rating scale</h2>\n<dl class="scale">\n${items.join("\n")}\n</dl>\n` +
    `<p class="scale-note">${e(scaleNote(BEST_RATING, WORST_RATING))}</p>\n</section>`
  );
}

function claims(report: PreparedReport): string {
  const body =
    report.claims.length === 0
      ? "<p>No claims have been published for this article yet.</p>"
      : report.claims.map((claim) => claimArticle(report, claim)).join("\n");
  return `<section id="claims">\n<h2>Claims</h2>\n${body}\n</section>`;
}

function claimArticle(report: PreparedReport, claim: PreparedClaim): string {
  const parts: string[] = [];
  if (report.isInternal) {
    parts.push(
      claim.isApproved
        ? `<p class="status status-approved"><strong>Status:</strong> ${STATUS_LABELS[claim.status]}</p>`
        : `<p class="status status-pending"><strong>Status: ${STATUS_LABELS[claim.status]}.</strong> ` +
            "Not approved; not part of the public report.</p>",
    );
    if (claim.anchorNote !== null) parts.push(`<p class="status status-pending"><strong>${e(claim.anchorNote)}</strong></p>`);
  }
  parts.push(`<h3><span class="claim-number">Claim ${claim.number}</span> ${e(claim.statement)}</h3>`);
  parts.push(`<blockquote class="quote"><p>${quoteWithContext(claim)}</p></blockquote>`);

  const facts = [
    `<dt>Claimant</dt><dd>${
      claim.claimant === null
        ? "Not recorded"
        : `${e(claim.claimant)} <span class="muted">(${claim.claimantType === "Organization" ? "Organization" : "Person"})</span>`
    }</dd>`,
  ];
  if (claim.claimDate !== null) facts.push(`<dt>Claim made</dt><dd>${time(claim.claimDate, formatDate)}</dd>`);
  // The same words as ClaimReview's itemReviewed.description: the markup never says more than the page.
  if (claim.figuresText !== null)
    facts.push(`<dt>Figures</dt><dd class="figures">${e(claim.figuresText.replace(/^Figures: /, ""))}</dd>`);
  facts.push(
    `<dt>Verdict</dt><dd><strong class="verdict verdict-${claim.verdict}">${e(verdictText(claim.verdictInfo))}</strong> ` +
      `${e(claim.verdictInfo.meaning)}</dd>`,
  );
  parts.push(`<dl class="facts">\n${facts.join("\n")}\n</dl>`);

  parts.push("<h4>How we checked</h4>");
  parts.push(paragraphs(claim.rationale) || "<p>No explanation has been written yet.</p>");

  parts.push("<h4>Sources</h4>");
  parts.push(
    claim.sources.length > 0
      ? `<ol class="sources">\n${claim.sources.map(sourceItem).join("\n")}\n</ol>`
      : `<p>${report.isInternal ? "No sources have been added yet." : "No public sources are listed for this claim."}</p>`,
  );

  parts.push(`<p class="approval">${approvalHtml(claim)}</p>`);
  if (claim.dateModified !== null) {
    parts.push(
      `<p class="corrected">Verdict corrected on ${time(claim.dateModified, formatDate)}; ` +
        'see <a href="#corrections">Corrections</a>.</p>',
    );
  }
  const classes = ["claim", report.isInternal && !claim.isApproved ? "claim-pending" : ""].filter(Boolean);
  return `<article class="${classes.join(" ")}" id="${e(claim.anchor)}">\n${parts.join("\n")}\n</article>`;
}

function quoteWithContext(claim: PreparedClaim): string {
  const { context } = claim;
  return (
    (context.isBeforeClipped ? "…" : "") +
    e(context.before) +
    `<mark>${e(collapseWhitespace(claim.exact))}</mark>` +
    e(context.after) +
    (context.isAfterClipped ? "…" : "")
  );
}

function sourceItem(source: PreparedSource): string {
  let html = source.internal
    ? '<li class="source source-internal"><strong class="internal-flag">Internal source, do not publish:</strong> '
    : '<li class="source">';
  html += link(source.title, source.href);
  if (source.publisher !== null && collapseWhitespace(source.publisher) !== "") html += `, ${e(source.publisher)}`;
  html += ".";
  if (source.href === null && collapseWhitespace(source.url) !== "") {
    html += ` Address (not linked, not a web link): <span class="unlinked-url">${e(source.url)}</span>.`;
  }
  if (source.accessedAt !== null) html += ` Accessed ${time(source.accessedAt, formatDate)}.`;
  // Only a site-relative path made by lib/sources/public-archive.ts is ever a link here.
  if (source.archiveUrl !== undefined && /^\/reports\/[a-z0-9-]+\/archive\/[0-9a-f-]{36}$/.test(source.archiveUrl)) {
    html += ` The link no longer works: <a class="archived-copy" href="${e(source.archiveUrl)}">archived copy (text)</a>.`;
  }
  if (source.quote !== null) {
    const quote = paragraphs(source.quote);
    if (quote !== "") html += `\n<blockquote class="source-quote">${quote}</blockquote>`;
  }
  return `${html}</li>`;
}

function corrections(report: PreparedReport): string {
  const body =
    report.corrections.length === 0
      ? "<p>No verdict in this report has been corrected since it was first published.</p>"
      : `<ol class="corrections">\n${report.corrections
          .map(
            (c) =>
              `<li><p><strong>${time(c.date, formatDate)}</strong>: ` +
              `<a href="#${e(encodeURIComponent(c.claimAnchor))}">Claim ${c.claimNumber}</a>, ` +
              `“${e(c.claimStatement)}”: verdict changed from ${e(verdictText(c.fromInfo))} ` +
              `to ${e(verdictText(c.toInfo))}.</p>\n${paragraphs(c.note)}</li>`,
          )
          .join("\n")}\n</ol>`;
  return `<section id="corrections">\n<h2>Corrections</h2>\n${body}\n</section>`;
}

function footer(report: PreparedReport): string {
  const reportHref = toSafeHttpUrl(report.reportUrl);
  return (
    `<footer>\n<p>Fact-check report by ${link(report.organization.name, report.organization.href)}. ` +
    `Public page: ${link(report.reportUrl, reportHref)}. ` +
    `Generated ${time(report.generatedAt, formatDateTime)}.</p>\n</footer>`
  );
}

function approvalHtml(claim: PreparedClaim): string {
  if (!claim.isApproved) return "Not yet approved.";
  const by = claim.approvedBy === null ? "" : ` by ${e(claim.approvedBy)}`;
  const at = claim.approvedAt === null ? "" : ` on ${time(claim.approvedAt, formatDateTime)}`;
  const rechecked = claim.lastRecheckedAt === null ? "" : ` Last re-checked on ${time(claim.lastRecheckedAt, formatDate)}.`;
  return `Approved${by}${at}.${rechecked}`;
}

/** Paragraphs as <p>, the author's single line breaks as <br>; empty string for blank text. */
function paragraphs(text: string): string {
  return splitParagraphs(text)
    .map((lines) => `<p>${lines.map(e).join("<br>\n")}</p>`)
    .join("\n");
}

function link(text: string, href: string | null): string {
  return href === null ? e(text) : `<a href="${e(href)}">${e(text)}</a>`;
}

function time(value: string, format: (value: string) => string): string {
  return `<time datetime="${e(value)}">${e(format(value))}</time>`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.25rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.15rem; margin: 0 0 0.75rem; }
h4 { font-size: 0.95rem; margin: 1rem 0 0.35rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
a { color: var(--accent); overflow-wrap: anywhere; }
.kicker, .muted, .rating, footer { color: var(--muted); }
.kicker { margin: 0; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.05em; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.banner { border: 3px solid #cf222e; padding: 0.6rem 0.8rem; color: #82071e; background: #ffebe9; }
.chart { max-width: 100%; height: auto; font-size: 14px; fill: var(--ink); }
.scale dt { margin-top: 0.6rem; }
.scale dd { margin: 0.1rem 0 0 0; }
.verdict { font-weight: 700; white-space: nowrap; }
.verdict-verified { color: #1a7f37; } .verdict-needs_context { color: #0969da; }
.verdict-misleading { color: #9a6700; } .verdict-false { color: #cf222e; }
.verdict-disputed { color: #8250df; } .verdict-unproven, .verdict-unverified { color: #57606a; }
.claim { border-top: 1px solid var(--rule); padding: 1.25rem 0 0.5rem; }
.claim-number { display: block; font-size: 0.85rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.claim-pending { border-left: 4px dashed #bf8700; padding-left: 1rem; }
.status { display: inline-block; margin: 0 0 0.5rem; padding: 0.15rem 0.5rem; border: 1px solid currentColor; border-radius: 4px; font-size: 0.9rem; }
.status-pending { color: #7d4e00; background: #fff8c5; }
.status-approved { color: #1a7f37; }
.quote { margin: 0 0 0.75rem; padding: 0.5rem 0.9rem; border-left: 4px solid var(--rule); background: #f6f8fa; font-family: Georgia, "DejaVu Serif", serif; }
.quote p { margin: 0; }
mark { background: #fff8c5; color: inherit; font-weight: 600; padding: 0 0.1em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.sources { padding-left: 1.4rem; }
.sources li { margin-bottom: 0.5rem; overflow-wrap: anywhere; }
.source-internal { outline: 2px dashed #cf222e; outline-offset: 2px; }
.internal-flag { color: #cf222e; }
.source-quote { margin: 0.3rem 0 0; padding-left: 0.75rem; border-left: 3px solid var(--rule); color: var(--muted); }
.source-quote p { margin: 0.2rem 0; }
.approval, .corrected { font-size: 0.9rem; color: var(--muted); }
.corrections li { margin-bottom: 0.75rem; }
.corrections p { margin: 0.2rem 0; }
footer { margin-top: 2.5rem; padding-top: 0.75rem; border-top: 1px solid var(--rule); font-size: 0.85rem; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; color: #000; }
  a { color: #000; text-decoration: underline; }
  .sources a[href^="http"]::after, .meta a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 85%; overflow-wrap: anywhere; }
  h2, h3, h4 { break-after: avoid; }
  .claim, .chart, .scale dt, .corrections li { break-inside: avoid; }
  .quote, .banner, mark, .status-pending { background: none; }
  .chart, .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();

function relatedFactChecks(related: RelatedFactCheck[]): string {
  if (related.length === 0) return "";
  const items = related.map((r) => {
    const href = toSafeHttpUrl(r.url);
    const title = href ? `<a href="${e(href)}">${e(r.title)}</a>` : e(r.title);
    const claims = r.claims
      .map((c) => `<li>${e(c.statement)}: <strong>${e(VERDICT_INFO[c.verdict].label)}</strong></li>`)
      .join("");
    return `<li>${title} <span class="muted">(published ${e(r.publishedAt.slice(0, 10))})</span><ul>${claims}</ul></li>`;
  });
  return `<section class="related" aria-labelledby="related-title"><h2 id="related-title">Related fact-checks</h2><ul>${items.join("")}</ul></section>`;
}
