import { z } from "zod";
import { viewSchema } from "../api/view-schema";

// Apart from source-health.ts (server-only) because the claim view, which client components
// read, includes it.

/** What the desk is told about a source's link (shown on the claim panel and the review page). */
export interface SourceHealth {
  state: "unchecked" | "ok" | "broken" | "changed";
  /** ISO time of the latest check of the current URL. */
  checkedAt: string | null;
  httpStatus: number | null;
  /** Why the link counts as broken, in words. */
  reason: string | null;
  /** The latest snapshot, and the one taken when the source was cited (first good fetch). */
  latestSnapshotId: string | null;
  citedSnapshotId: string | null;
}

export const sourceHealthSchema = viewSchema<SourceHealth>()(
  z.object({
    state: z.enum(["unchecked", "ok", "broken", "changed"]),
    checkedAt: z.string().nullable(),
    httpStatus: z.number().int().nullable(),
    reason: z.string().nullable(),
    latestSnapshotId: z.string().nullable(),
    citedSnapshotId: z.string().nullable(),
  }),
);
