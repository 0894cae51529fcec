import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, inject } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres } from "../../db/client";
import { setDatabase } from "../../lib/database";

let counter = 0;

/** A fresh clone of the migrated template for the calling test file. */
export async function cloneTestDatabase(): Promise<DatabaseHandle & { name: string }> {
  const info = inject("testDb");
  if (info.driver === "pglite") {
    const blob = new Blob([fs.readFileSync(info.template)]);
    const handle = await openPglite("memory://", { loadDataDir: blob });
    return { ...handle, name: "pglite" };
  }
  const name = `fcd_t_${info.runId}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new URL(info.serverUrl!);
  admin.pathname = "/postgres";
  const adminHandle = await openPostgres(admin.toString(), 1);
  await adminHandle.db.execute(sql.raw(`create database "${name}" template "${info.template}"`));
  await adminHandle.close();
  const target = new URL(info.serverUrl!);
  target.pathname = `/${name}`;
  // With a pool of short statements, as the app opens it (lib/database.ts getQuickDb).
  const handle = await openPostgres(target.toString(), 20, undefined, 2);
  return {
    ...handle,
    name,
    async close() {
      await handle.close();
      const dropper = await openPostgres(admin.toString(), 1);
      await dropper.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await dropper.close();
    },
  };
}

/** Installs a fresh database for the calling test file: lib/ uses it through getDb(). */
export function useTestDatabase(): { handle: () => DatabaseHandle } {
  let handle: (DatabaseHandle & { name: string }) | undefined;
  beforeAll(async () => {
    handle = await cloneTestDatabase();
    setDatabase(handle);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await handle?.close();
  });
  return {
    handle: () => {
      if (!handle) throw new Error("test database not ready");
      return handle;
    },
  };
}

export function testDriver(): "pglite" | "postgres" {
  return inject("testDb").driver;
}
