import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, credentialsLogin, DEMO, DEMO_PASSWORD } from "./support";

/**
 * Holes 7 and 8 of the security probe (issue 14), on the built app served by server.mjs: the
 * client address behind TRUSTED_PROXIES, and graceful shutdown with keep-alive clients. Besides
 * the suite's server, this file starts one of its own (it is shut down here) on a fresh PGlite.
 */
const root = process.cwd();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The latest failed-login audit row for `email`, read by the admin on `base`. */
async function lastFailedLogin(base: string, email: string): Promise<{ ip: string | null }> {
  const { cookie } = await credentialsLogin(DEMO.admin, DEMO_PASSWORD, { base });
  const res = await fetch(`${base}/api/audit?action=auth.login_failed&limit=50`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: { meta: { email?: string; ip?: string | null } }[] };
  const row = items.find((i) => i.meta.email === email);
  if (!row) throw new Error(`no failed login recorded for ${email}`);
  return { ip: row.meta.ip ?? null };
}

describe("the client address comes from X-Forwarded-For only through TRUSTED_PROXIES", () => {
  it("a client's own X-Forwarded-For is not believed (no TRUSTED_PROXIES)", async () => {
    await credentialsLogin(DEMO.editor2, "a wrong password", { headers: { "X-Forwarded-For": "203.0.113.77" } });
    const { ip } = await lastFailedLogin(BASE_URL, DEMO.editor2);
    expect(ip).not.toBe("203.0.113.77");
    expect(["127.0.0.1", "::1"]).toContain(ip);
  });
});

describe("a server with TRUSTED_PROXIES, shut down with SIGTERM", () => {
  let child: ChildProcess;
  let base: string;
  let port: number;
  let dir: string;
  let exited: Promise<{ code: number | null; at: number }>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fcd-lifecycle-"));
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PGLITE_DIR: path.join(dir, "pglite"),
      PORT: String(port),
      SEED_DEMO: "1",
      DEMO_PASSWORD,
      JOBS_RUNNER: "off",
      TRUSTED_PROXIES: "127.0.0.1, ::1",
    };
    delete env.DATABASE_URL;
    const seed = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/cli/seed.ts"], {
      env,
      stdio: "ignore",
    });
    expect(seed.status).toBe(0);
    child = spawn(process.execPath, ["server.mjs"], { env, stdio: ["ignore", "ignore", "inherit"] });
    exited = new Promise((resolve) => child.once("exit", (code) => resolve({ code, at: Date.now() })));
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const ok = await fetch(`${base}/api/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
    }
    throw new Error("the lifecycle server did not become ready within 60 s");
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("believes the nearest untrusted hop of X-Forwarded-For from a trusted proxy", async () => {
    await credentialsLogin(DEMO.editor2, "a wrong password", { base, headers: { "X-Forwarded-For": "6.6.6.6, 203.0.113.78" } });
    expect((await lastFailedLogin(base, DEMO.editor2)).ip).toBe("203.0.113.78");
  });

  it("stops accepting, answers 503 on readiness to a request in flight, closes idle connections and live streams, exits in time", async () => {
    const connect = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(port, "127.0.0.1", () => resolve(s));
        s.once("error", reject);
      });
    const received = (s: net.Socket) => {
      let text = "";
      s.on("data", (d) => (text += d.toString("latin1")));
      return () => text;
    };
    const closed = (s: net.Socket) => new Promise<number>((resolve) => s.once("close", () => resolve(Date.now())));

    // An idle keep-alive connection: one answered request, then nothing.
    const idle = await connect();
    const idleText = received(idle);
    const idleClosed = closed(idle);
    idle.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
    for (let i = 0; i < 100 && !/\r\n\r\n[\s\S]*\}/.test(idleText()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(idleText()).toMatch(/^HTTP\/1\.1 200/);

    // A request in flight: its headers have started to arrive.
    const inFlight = await connect();
    const inFlightText = received(inFlight);
    const inFlightClosed = closed(inFlight);
    inFlight.write("GET /api/ready HTTP/1.1\r\nHost: localhost\r\n");
    await new Promise((r) => setTimeout(r, 200));

    // A live-update stream (docs/live-updates.md): it never ends by itself, so the drain must end it.
    const { cookie } = await credentialsLogin(DEMO.editor, DEMO_PASSWORD, { base });
    const list = await fetch(`${base}/api/articles?limit=1`, { headers: { cookie } });
    const articleId = ((await list.json()) as { articles: { id: string }[] }).articles[0]!.id;
    const stream = await fetch(`${base}/api/articles/${articleId}/live`, { headers: { cookie } });
    expect([stream.status, stream.headers.get("content-type")]).toEqual([200, "text/event-stream; charset=utf-8"]);
    const reader = stream.body!.getReader();
    let streamText = "";
    while (!streamText.includes("event: ready")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before its ready event: ${streamText}`);
      streamText += new TextDecoder().decode(value);
    }
    const streamEnded = (async () => {
      for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return Date.now();
    })();

    const sentAt = Date.now();
    child.kill("SIGTERM");
    expect((await idleClosed) - sentAt).toBeLessThan(2_000);
    expect((await streamEnded) - sentAt).toBeLessThan(2_000);

    await new Promise((r) => setTimeout(r, 300));
    await expect(connect()).rejects.toThrow(/ECONNREFUSED/);

    inFlight.write("Connection: keep-alive\r\n\r\n");
    await inFlightClosed;
    expect(inFlightText()).toMatch(/^HTTP\/1\.1 503/);
    expect(inFlightText()).toMatch(/"status":"draining"/);

    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - sentAt).toBeLessThan(10_000);
  });
});
