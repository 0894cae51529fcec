import { VERDICT_INFO } from "../claims/verdicts";
import { escapeHtml, toSafeHttpUrl } from "./escape";
import type { ReportClaim, ReportData } from "./types";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";

/**
 * The embeddable verdict card: a small self-contained HTML page (no script, inline style only)
 * that other sites may frame next to the article, and the oEmbed answer that points CMSs at it.
 * Pure: it reads a published (public) snapshot and nothing else.
 */
export const EMBED_WIDTH = 480;
export const EMBED_HEIGHT = 220;

export function embedPath(slug: string, claimId: string): string {
  return `/embed/${encodeURIComponent(slug)}/${encodeURIComponent(claimId)}`;
}

export function renderEmbedCard(report: ReportData, claim: ReportClaim): string {
  const info = VERDICT_INFO[claim.verdict];
  const link = toSafeHttpUrl(`${report.reportUrl}#claim-${claim.id}`);
  const who = claim.claimant ? `${escapeHtml(claim.claimant)} claimed` : "Claim";
  const checked = claim.approvedAt ? ` on ${escapeHtml(claim.approvedAt.slice(0, 10))}` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(`${info.label}: ${claim.statement}`)}</title>
<style>
body{margin:0;font:15px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff}
.card{border:1px solid #c8c8c8;border-radius:8px;padding:12px 14px;max-width:${EMBED_WIDTH - 30}px}
.verdict{display:inline-block;font-weight:700;padding:2px 8px;border-radius:4px;border:2px solid currentColor}
.v-verified{color:#1b6e2b}.v-false{color:#a4161a}.v-misleading,.v-needs_context{color:#8a4b00}.v-disputed,.v-unproven,.v-unverified{color:#3d3d8f}
.claim{margin:8px 0 4px}.meta{color:#555;font-size:13px;margin:0 0 8px}a{color:#0b57a4}
</style></head>
<body><article class="card" aria-label="Fact-check verdict">
<p><span class="verdict v-${claim.verdict}"><span aria-hidden="true">${escapeHtml(info.icon)}</span> ${escapeHtml(info.label)}</span></p>
<p class="claim">${who}: “${escapeHtml(claim.statement)}”</p>
<p class="meta">Fact-checked by ${escapeHtml(report.organization.name)}${checked}. ${escapeHtml(info.meaning)}</p>
${link ? `<p><a href="${escapeHtml(link)}" target="_blank" rel="noopener">Read the fact-check</a></p>` : ""}
</article></body></html>`;
}

export interface OEmbedResponse {
  version: "1.0";
  type: "rich";
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  cache_age: number;
}

export const oembedResponseSchema = viewSchema<OEmbedResponse>()(
  z.object({
    version: z.literal("1.0"),
    type: z.literal("rich"),
    title: z.string(),
    provider_name: z.string(),
    provider_url: z.string(),
    html: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    cache_age: z.number().int(),
  }),
);

export function oembedFor(report: ReportData, claim: ReportClaim, embedUrl: string, maxwidth?: number): OEmbedResponse {
  const width = Math.min(EMBED_WIDTH, maxwidth && maxwidth > 0 ? maxwidth : EMBED_WIDTH);
  const title = `${VERDICT_INFO[claim.verdict].label}: ${claim.statement}`;
  return {
    version: "1.0",
    type: "rich",
    title,
    provider_name: report.organization.name,
    provider_url: report.organization.url,
    // The card runs no script; the sandbox lets its one link open in a new tab and nothing else.
    html: `<iframe src="${escapeHtml(embedUrl)}" width="${width}" height="${EMBED_HEIGHT}" title="${escapeHtml(title)}" style="border:0" loading="lazy" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`,
    width,
    height: EMBED_HEIGHT,
    cache_age: 300,
  };
}
