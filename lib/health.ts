import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/database";
import { z } from "zod";
import { viewSchema } from "./api/view-schema";

export type HealthReport =
  { status: "ok"; database: "pglite" | "postgres" } | { status: "unavailable"; database: "pglite" | "postgres"; reason: string };

/** Open, migrated and answering: the database is usable. */
export async function checkHealth(driver: "pglite" | "postgres"): Promise<HealthReport> {
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1 from drizzle.__drizzle_migrations limit 1`);
    return { status: "ok", database: handle.driver };
  } catch (err) {
    const reason =
      err instanceof Error && err.name === "DatabaseLockedError"
        ? "the embedded database is in use by another process"
        : "the database is not reachable or not migrated";
    return { status: "unavailable", database: driver, reason };
  }
}

export const healthReportSchema = viewSchema<HealthReport>()(
  z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }),
    z.object({ status: z.literal("unavailable"), database: z.enum(["pglite", "postgres"]), reason: z.string() }),
  ]),
);

/** What /api/ready answers: the health report, or `draining` while the server shuts down. */
export const readyReportSchema = z.union([healthReportSchema, z.object({ status: z.literal("draining") })]);
