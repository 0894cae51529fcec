import "server-only";
import { sql } from "drizzle-orm";
import { pgSchema, serial } from "drizzle-orm/pg-core";
import { getDatabase, quickDbOf } from "@/lib/database";
import type { Db } from "@/db/types";
import { z } from "zod";
import { viewSchema } from "./api/view-schema";

export type HealthReport =
  { status: "ok"; database: "pglite" | "postgres" } | { status: "unavailable"; database: "pglite" | "postgres"; reason: string };

/** drizzle's own record of applied migrations (db/migrate.ts): a table only a migrated database has. */
const migrations = pgSchema("drizzle").table("__drizzle_migrations", { id: serial() });

/**
 * `select 1 from drizzle.__drizzle_migrations limit 1`, built once per database handle and sent as
 * a prepared statement (parsed and planned once per pool connection, not at every health check:
 * bench/README.md, "HTTP overhead").
 */
const probes = new WeakMap<Db, { execute(): Promise<unknown> }>();
function probeOf(db: Db) {
  let probe = probes.get(db);
  if (!probe) {
    probe = db
      .select({ one: sql<number>`1` })
      .from(migrations)
      .limit(1)
      .prepare("health_probe");
    probes.set(db, probe);
  }
  return probe;
}

/** Open, migrated and answering: the database is usable. */
export async function checkHealth(driver: "pglite" | "postgres"): Promise<HealthReport> {
  try {
    const handle = await getDatabase();
    await probeOf(quickDbOf(handle)).execute();
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
