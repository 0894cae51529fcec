import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseLockedError, openPglite } from "../../db/client";

const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function tmpDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fcd-test-")), "pglite");
}

/** Runs one of the terminal commands on its own embedded database (never the developer's). */
function cli(script: string, args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const r = spawnSync(tsx, ["--conditions=react-server", script, ...args], {
    cwd: root,
    env: { ...rest, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("embedded database lock", () => {
  it("refuses a second process on the same PGlite folder with a clear message", async () => {
    const dir = tmpDir();
    const holder = spawn(tsx, ["--conditions=react-server", "tests/support/open-pglite.ts", dir], {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on("data", (d: Buffer) => (String(d).includes("OPENED") ? resolve() : reject(new Error(String(d)))));
      holder.on("exit", (c) => reject(new Error(`holder exited ${c}`)));
    });
    try {
      const err = await openPglite(dir).catch((e) => e);
      expect(err).toBeInstanceOf(DatabaseLockedError);
      expect(err.message).toMatch(/already in use by process \d+/);
      expect(err.message).toMatch(/DATABASE_URL/);
    } finally {
      holder.stdin!.end();
      await new Promise((r) => holder.on("exit", r));
    }
    // Once the holder is gone, the folder opens again (a stale lock of a dead process is taken over).
    const reopened = await openPglite(dir);
    await reopened.close();
  }, 120_000);
});

describe("terminal commands", () => {
  it("creates the first admin, resets a password, refuses bad input, and writes a report", () => {
    const dir = tmpDir();
    const env = { PGLITE_DIR: dir, USER_PASSWORD: "first admin password" };
    const created = cli(
      "lib/cli/user.ts",
      ["create", "--email", "Chief@Newsroom.example", "--name", "Chief", "--role", "admin"],
      env,
    );
    expect(created.out).toMatch(/Created admin chief@newsroom\.example/);
    expect(created.code).toBe(0);
    const dup = cli("lib/cli/user.ts", ["create", "--email", "chief@newsroom.example", "--role", "admin"], env);
    expect(dup.code).toBe(1);
    expect(dup.out).toMatch(/already exists/);
    const bad = cli("lib/cli/user.ts", ["create", "--email", "x@newsroom.example", "--role", "owner"], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/role: Choose editor, reviewer or admin/);
    const reset = cli("lib/cli/user.ts", ["reset-password", "--email", "chief@newsroom.example"], {
      ...env,
      USER_PASSWORD: "a new admin password",
    });
    expect(reset.code).toBe(0);
    const seeded = cli("lib/cli/seed.ts", [], { ...env, SEED_DEMO: "1" });
    expect(seeded.out).toMatch(/already has users/);
    const report = cli("lib/cli/report.ts", ["--article", "no-such-article", "--format", "md"], env);
    expect(report.code).toBe(1);
    expect(report.out).toMatch(/not found/);
  }, 240_000);

  it("never creates demo data in production unless SEED_DEMO=1 asks for it", () => {
    const dir = tmpDir();
    const refused = cli("lib/cli/seed.ts", [], { PGLITE_DIR: dir, NODE_ENV: "production" });
    expect(refused.out).toMatch(/No demo data created: NODE_ENV=production/);
    const login = cli("lib/cli/user.ts", ["reset-password", "--email", "editor@example.com"], {
      PGLITE_DIR: dir,
      USER_PASSWORD: "whatever password",
    });
    expect(login.out).toMatch(/No user with e-mail editor@example.com/);
  }, 240_000);

  it("seeds the demo users and the sample article on an empty database, and exports its report", () => {
    const dir = tmpDir();
    const env = { PGLITE_DIR: dir, SEED_DEMO: "1" };
    expect(cli("lib/cli/seed.ts", [], env).out).toMatch(/Demo users and the sample article were created/);
    const out = path.join(path.dirname(dir), "report.json");
    const r = cli(
      "lib/cli/report.ts",
      [
        "--article",
        "david-lammy-urges-european-nato-members-to-ramp-up-defence-spending",
        "--format",
        "json",
        "--variant",
        "internal",
        "--out",
        out,
      ],
      env,
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(json).toMatchObject({ format: "fact-check-report", version: 1 });
    expect(JSON.stringify(json)).toContain("David Lammy urges European Nato members");
  }, 240_000);
});
