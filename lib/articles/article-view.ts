import type { ArticleRow } from "@/db/schema";
import { z } from "zod";
import { CLAIM_STATUSES, type ClaimStatus, VERDICTS, type Verdict } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

export type { ClaimStatus };

export interface ArticleProgress {
  total: number;
  byVerdict: Record<Verdict, number>;
  byStatus: Record<ClaimStatus, number>;
}

export const articleProgressSchema = viewSchema<ArticleProgress>()(
  z.object({
    total: z.number().int(),
    byVerdict: z.record(z.enum(VERDICTS), z.number().int()),
    byStatus: z.record(z.enum(CLAIM_STATUSES), z.number().int()),
  }),
);

export interface ArticleSummary {
  id: string;
  title: string;
  slug: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
  revision: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  progress: ArticleProgress;
}

export const articleSummarySchema = viewSchema<ArticleSummary>()(
  z.object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    url: z.string().nullable(),
    publisher: z.string().nullable(),
    author: z.string().nullable(),
    publishedAt: z.string().nullable(),
    revision: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    progress: articleProgressSchema,
  }),
);

export function emptyProgress(): ArticleProgress {
  return {
    total: 0,
    byVerdict: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>,
    byStatus: Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>,
  };
}

export function toArticleSummary(row: ArticleRow, revision: number, progress = emptyProgress()): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    url: row.url,
    publisher: row.publisher,
    author: row.author,
    publishedAt: row.publishedAt,
    revision,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    progress,
  };
}
