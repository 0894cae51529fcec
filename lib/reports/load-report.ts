import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db, type Tx } from "@/lib/database";
import { articleRevisions, articles, claimFigures, claims, reportPublications, sources, users } from "@/db/schema";
import { isUuid } from "../validation";
import { isSlug } from "../articles/slug";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type SystemActor, isSystemActor } from "../auth/system-actor";
import { env, organizationUrl, publicBaseUrl } from "../env";
import { notFound } from "../errors";
import { CONTEXT_LENGTH } from "./prepare";
import { type ReportSnapshotHistory, readReportSnapshotHistory } from "./report-snapshot";
import type { ReportClaim, ReportCorrection, ReportData, ReportFigure, ReportVariant } from "./types";

// A little more than a report shows (CONTEXT_LENGTH): context longer than that tells prepareReport
// the article goes on, so it cuts at a word boundary and adds an ellipsis.
const CONTEXT = CONTEXT_LENGTH + 20;

/**
 * A revision's text, cut by code point (anchors count code points). Text with no character outside
 * the Basic Multilingual Plane has one UTF-16 unit per code point and is sliced as it is; only text
 * with surrogate pairs is split into code points (for a long article, splitting every character was
 * a large share of an export's time and garbage).
 */
interface CodePointText {
  text: string;
  chars: string[] | null;
}

function codePointText(text: string): CodePointText {
  return { text, chars: /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null };
}

function cpSlice(body: CodePointText | undefined, start: number, end: number): string {
  if (!body) return "";
  const from = Math.max(0, start);
  const to = Math.max(0, end);
  return body.chars ? body.chars.slice(from, to).join("") : body.text.slice(from, to);
}

/** The public page of a report; `origin` is the request's (see publicBaseUrl). */
export function reportUrlFor(slug: string, origin?: string | null): string {
  return `${publicBaseUrl(origin)}/reports/${encodeURIComponent(slug)}`;
}

/**
 * Assembles the report of one article from the database: approved claims only for the public
 * variant, every claim for the internal one (the renderers filter again in prepareReport, so a
 * public report can never carry more than this). Publication dates and corrections come from the
 * publication history.
 */
export async function assembleReport(
  db: Db | Tx,
  articleIdOrSlug: string,
  variant: ReportVariant,
  origin?: string | null,
): Promise<ReportData> {
  return (await assembleWithLatest(db, articleIdOrSlug, variant, origin)).data;
}

async function assembleWithLatest(
  db: Db | Tx,
  articleIdOrSlug: string,
  variant: ReportVariant,
  origin?: string | null,
): Promise<{ data: ReportData; latest: { snapshot: ReportSnapshotHistory; live: boolean } | null }> {
  const [article] = await db
    .select()
    .from(articles)
    .where(
      isUuid(articleIdOrSlug)
        ? eq(articles.id, articleIdOrSlug)
        : eq(articles.slug, isSlug(articleIdOrSlug) ? articleIdOrSlug : ""),
    );
  if (!article) throw notFound("The article");

  const approver = alias(users, "approver");
  const claimFilter =
    variant === "public"
      ? and(eq(claims.articleId, article.id), eq(claims.status, "approved"))
      : eq(claims.articleId, article.id);
  // Only the columns a report shows: a 1,000-claim export is dominated by decoding rows.
  const claimRows = await db
    .select({
      claim: {
        id: claims.id,
        startCp: claims.startCp,
        endCp: claims.endCp,
        exact: claims.exact,
        anchorText: claims.anchorText,
        anchorRevisionId: claims.anchorRevisionId,
        anchorState: claims.anchorState,
        claimant: claims.claimant,
        claimantType: claims.claimantType,
        statement: claims.statement,
        claimDate: claims.claimDate,
        verdict: claims.verdict,
        rationale: claims.rationale,
        status: claims.status,
        approvedAt: claims.approvedAt,
        lastRecheckedAt: claims.lastRecheckedAt,
      },
      approverName: approver.name,
    })
    .from(claims)
    .leftJoin(approver, eq(approver.id, claims.approvedBy))
    .where(claimFilter)
    .orderBy(asc(claims.startCp), asc(claims.id));

  const revisionIds = [...new Set(claimRows.map((r) => r.claim.anchorRevisionId))];
  const bodies = new Map<string, CodePointText>();
  if (revisionIds.length) {
    for (const r of await db
      .select({ id: articleRevisions.id, body: articleRevisions.body })
      .from(articleRevisions)
      .where(inArray(articleRevisions.id, revisionIds))) {
      bodies.set(r.id, codePointText(r.body));
    }
  }
  const sourceRows = claimRows.length
    ? await db
        .select({
          claimId: sources.claimId,
          title: sources.title,
          publisher: sources.publisher,
          url: sources.url,
          accessedAt: sources.accessedAt,
          quote: sources.quote,
          kind: sources.kind,
          internal: sources.internal,
        })
        .from(sources)
        // The claims' own filter again, rather than a list of 1,000 ids as bind parameters.
        .innerJoin(claims, eq(claims.id, sources.claimId))
        .where(claimFilter)
        .orderBy(asc(sources.createdAt), asc(sources.id))
    : [];

  const figureRows = claimRows.length
    ? await db
        .select({
          claimId: claimFigures.claimId,
          origin: claimFigures.origin,
          text: claimFigures.text,
          value: claimFigures.value,
          scale: claimFigures.scale,
          unit: claimFigures.unit,
          unitKind: claimFigures.unitKind,
          currency: claimFigures.currency,
          qualifier: claimFigures.qualifier,
          approximate: claimFigures.approximate,
          period: claimFigures.period,
          place: claimFigures.place,
          subject: claimFigures.subject,
          edited: claimFigures.override,
        })
        .from(claimFigures)
        .innerJoin(claims, eq(claims.id, claimFigures.claimId))
        .where(claimFilter)
        .orderBy(asc(claimFigures.claimId), desc(claimFigures.origin), asc(claimFigures.position), asc(claimFigures.id))
    : [];
  const figuresByClaim = new Map<string, ReportFigure[]>();
  for (const { claimId, ...figure } of figureRows) {
    const list = figuresByClaim.get(claimId);
    if (list) list.push(figure);
    else figuresByClaim.set(claimId, [figure]);
  }

  const sourcesByClaim = new Map<string, typeof sourceRows>();
  for (const s of sourceRows) {
    const list = sourcesByClaim.get(s.claimId);
    if (list) list.push(s);
    else sourcesByClaim.set(s.claimId, [s]);
  }

  const reportClaims: ReportClaim[] = claimRows.map(({ claim, approverName }) => {
    // An orphaned claim still points at the revision it was last found in: quoting around it would
    // show text the article no longer has, so it gets no context (the report says why instead).
    const body = claim.anchorState === "orphaned" ? undefined : bodies.get(claim.anchorRevisionId);
    return {
      id: claim.id,
      position: claim.startCp,
      // What the article says now under the claim when it changed; the marked quote otherwise.
      exact: claim.anchorText ?? claim.exact,
      anchorState: claim.anchorState,
      contextBefore: cpSlice(body, claim.startCp - CONTEXT, claim.startCp),
      contextAfter: cpSlice(body, claim.endCp, claim.endCp + CONTEXT),
      claimant: claim.claimant,
      claimantType: claim.claimantType,
      statement: claim.statement,
      claimDate: claim.claimDate,
      verdict: claim.verdict,
      rationale: claim.rationale,
      status: claim.status,
      approvedBy: claim.status === "approved" ? approverName : null,
      approvedAt: claim.status === "approved" ? (claim.approvedAt?.toISOString() ?? null) : null,
      ...(claim.status === "approved" && claim.lastRecheckedAt ? { lastRecheckedAt: claim.lastRecheckedAt.toISOString() } : {}),
      sources: (sourcesByClaim.get(claim.id) ?? [])
        .filter((s) => variant === "internal" || !s.internal)
        .map(({ claimId: _claim, ...source }) => source),
      figures: figuresByClaim.get(claim.id) ?? [],
    };
  });

  const publications = await db
    .select({
      version: reportPublications.version,
      unpublishedAt: reportPublications.unpublishedAt,
      snapshot: reportPublications.snapshot,
    })
    .from(reportPublications)
    .where(eq(reportPublications.articleId, article.id))
    .orderBy(desc(reportPublications.version))
    .limit(1);
  const latest = publications[0];
  const latestSnapshot = latest ? readReportSnapshotHistory(latest.snapshot) : undefined;
  const [first] = await db
    .select({ publishedAt: reportPublications.publishedAt })
    .from(reportPublications)
    .where(and(eq(reportPublications.articleId, article.id), eq(reportPublications.version, 1)));

  const data: ReportData = {
    variant,
    article: {
      id: article.id,
      title: article.title,
      slug: article.slug,
      url: article.url,
      publisher: article.publisher,
      author: article.author,
      publishedAt: article.publishedAt,
    },
    organization: { name: env.ORG_NAME, url: organizationUrl(origin) },
    reportUrl: reportUrlFor(article.slug, origin),
    generatedAt: new Date().toISOString(),
    firstPublishedAt: first?.publishedAt.toISOString() ?? null,
    modifiedAt: latestSnapshot?.modifiedAt ?? null,
    claims: reportClaims,
    corrections: latestSnapshot?.corrections ?? [],
  };
  return { data, latest: latest && latestSnapshot ? { snapshot: latestSnapshot, live: !latest.unpublishedAt } : null };
}

/** Corrections a republish adds: one dated note per published claim whose verdict changed. */
export function newCorrections(
  previous: Pick<ReportSnapshotHistory, "claims">,
  next: ReportData,
  at: string,
): ReportCorrection[] {
  const before = new Map(previous.claims.map((c) => [c.id, c]));
  const out: ReportCorrection[] = [];
  for (const claim of next.claims) {
    const old = before.get(claim.id);
    if (old && old.verdict !== claim.verdict) {
      out.push({
        claimId: claim.id,
        date: at,
        from: old.verdict,
        to: claim.verdict,
        note: `The verdict on “${claim.statement}” was changed after publication.`,
      });
    }
  }
  return out;
}

export interface ReportOptions {
  /** The origin the request came to, for public links when no base URL is configured. */
  origin?: string | null;
}

/** The report as the desk sees it now (export menu, terminal command). */
export async function loadReport(
  actor: Actor | SystemActor | null,
  articleIdOrSlug: string,
  variant: ReportVariant,
  options: ReportOptions = {},
): Promise<ReportData> {
  // The terminal command acts as the system: nobody to authorize.
  if (!isSystemActor(actor)) {
    await authorize(actor, variant === "internal" ? "report:read-internal" : "article:read", {
      type: "article",
      id: articleIdOrSlug,
    });
  }
  const { data, latest } = await assembleWithLatest(await getDb(), articleIdOrSlug, variant, options.origin);
  // Verdicts changed since the live publication are corrections-to-be; show them in exports too.
  if (latest?.live) data.corrections = [...data.corrections, ...newCorrections(latest.snapshot, data, data.generatedAt)];
  return data;
}
