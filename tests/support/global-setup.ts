import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openPglite, openPostgres } from "../../db/client";

export interface TestDbInfo {
  driver: "pglite" | "postgres";
  /** pglite: a dump of the migrated template; postgres: the template database's name. */
  template: string;
  /** postgres: the server URL with the database part to be replaced. */
  serverUrl?: string;
  runId: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbInfo;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Migrates one template database per run; every test file then gets its own clone of it
 * (PGlite: loadDataDir of a dump; PostgreSQL: CREATE DATABASE … TEMPLATE), so files run in
 * parallel without sharing state and without paying for the migrations again.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await openPostgres(withDatabase(url, "postgres"), 1);
    const template = `fcd_tpl_${runId}`;
    await admin.db.execute(sql.raw(`create database "${template}"`));
    const tpl = await openPostgres(withDatabase(url, template), 1);
    await migrateDatabase(tpl);
    await tpl.close();
    await admin.close();
    project.provide("testDb", { driver: "postgres", template, serverUrl: url, runId });
    return async () => {
      const cleanup = await openPostgres(withDatabase(url, "postgres"), 1);
      const rows = (await cleanup.db.execute(
        sql`select datname from pg_database where datname like ${`fcd_%${runId}%`}`,
      )) as unknown as { datname: string }[];
      for (const r of rows) await cleanup.db.execute(sql.raw(`drop database if exists "${r.datname}" with (force)`));
      await cleanup.close();
    };
  }
  const handle = await openPglite("memory://");
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: { dumpDataDir(c?: string): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  const file = path.join(os.tmpdir(), `fcd-template-${runId}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("testDb", { driver: "pglite", template: file, runId });
  return () => fs.rmSync(file, { force: true });
}
