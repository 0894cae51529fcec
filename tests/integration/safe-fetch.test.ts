import "../support/allow-loopback";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SafeFetchError, safeFetch, userAgent } from "../../lib/net/safe-fetch";
import { startBlackHole, startLocalServer } from "../support/local-server";

let server: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  server = await startLocalServer({
    "/ok": (req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "set-cookie": "s=1" });
      res.end(`<title>Hi</title>ua=${req.headers["user-agent"]};cookie=${req.headers.cookie ?? "none"}`);
    },
    "/gone": (_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("gone"),
    "/to-ok": (_req, res) => res.writeHead(302, { location: "/ok" }).end(),
    "/to-private": (_req, res) => res.writeHead(301, { location: "http://10.0.0.7/admin" }).end(),
    "/to-metadata": (_req, res) => res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
    "/to-mapped": (_req, res) => res.writeHead(302, { location: "http://[::ffff:192.168.0.1]/" }).end(),
    "/to-file": (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    "/loop": (_req, res) => res.writeHead(302, { location: "/loop" }).end(),
    "/big": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(300_000));
    },
    "/bomb": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(Buffer.alloc(5_000_000, 97)));
    },
    "/slow": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial"); // and never ends
    },
    "/echo": (req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => res.writeHead(201, { "content-type": "text/plain" }).end(`${req.method} ${body}`));
    },
  });
});
afterAll(() => server.close());

async function refusal(p: Promise<unknown>): Promise<SafeFetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SafeFetchError);
  return err as SafeFetchError;
}

describe("safeFetch against a local server", () => {
  it("fetches a 200 with our user agent and no cookies", async () => {
    const r = await safeFetch(server.url("/ok"), { headers: { Cookie: "session=secret" } });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe("text/html; charset=utf-8");
    expect(r.body.toString()).toBe(`<title>Hi</title>ua=${userAgent()};cookie=none`);
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(r.truncated).toBe(false);
    expect(r.address).toBe("127.0.0.1");
  });

  it("returns a 404 as a status, not an error", async () => {
    const r = await safeFetch(server.url("/gone"));
    expect(r.status).toBe(404);
    expect(r.body.toString()).toBe("gone");
  });

  it("follows a redirect and reports the final URL and every hop", async () => {
    const r = await safeFetch(server.url("/to-ok"));
    expect(r.status).toBe(200);
    expect(r.url).toBe(server.url("/ok"));
    expect(r.hops).toEqual([server.url("/to-ok"), server.url("/ok")]);
  });

  it.each(["/to-private", "/to-metadata", "/to-mapped"])("refuses a redirect to a private address (%s)", async (path) => {
    const err = await refusal(safeFetch(server.url(path)));
    expect(err.code).toBe("address_not_allowed");
  });

  it("refuses a redirect to a non-http scheme", async () => {
    expect((await refusal(safeFetch(server.url("/to-file")))).code).toBe("scheme_not_allowed");
  });

  it("stops after the hop limit", async () => {
    const err = await refusal(safeFetch(server.url("/loop"), { maxRedirects: 3 }));
    expect(err.code).toBe("too_many_redirects");
    expect(server.hits.filter((h) => h === "/loop").length).toBeGreaterThanOrEqual(4);
  });

  it("returns a 3xx as it is when redirects are off", async () => {
    const r = await safeFetch(server.url("/to-private"), { maxRedirects: 0 });
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe("http://10.0.0.7/admin");
  });

  it("cuts an oversized body and says so", async () => {
    const r = await safeFetch(server.url("/big"), { maxBytes: 100_000 });
    expect(r.truncated).toBe(true);
    expect(r.body.length).toBe(100_000);
  });

  it("applies the size limit after decompression", async () => {
    const r = await safeFetch(server.url("/bomb"), { maxBytes: 64_000 });
    expect(r.truncated).toBe(true);
    expect(r.body.length).toBe(64_000);
    expect(r.body.every((b) => b === 97)).toBe(true);
  });

  it("gives up on an answer that never ends (total time limit)", async () => {
    const err = await refusal(safeFetch(server.url("/slow"), { timeoutMs: 300 }));
    expect(err.code).toBe("timeout");
  });

  it("gives up on a host that never accepts the connection (connect time limit)", async () => {
    const hole = await startBlackHole();
    try {
      const err = await refusal(safeFetch(`http://127.0.0.1:${hole.port}/`, { connectTimeoutMs: 200, timeoutMs: 5_000 }));
      expect(err.code).toBe("connect_timeout");
    } finally {
      hole.close();
    }
  });

  it("sends a POST body (webhooks) and returns the answer", async () => {
    const r = await safeFetch(server.url("/echo"), { method: "POST", body: '{"a":1}', maxRedirects: 0 });
    expect(r.status).toBe(201);
    expect(r.body.toString()).toBe('POST {"a":1}');
  });

  it.each(["file:///etc/passwd", "ftp://127.0.0.1/", "javascript:alert(1)", "gopher://127.0.0.1:70/"])(
    "refuses the non-http URL %s",
    async (url) => {
      expect((await refusal(safeFetch(url))).code).toBe("scheme_not_allowed");
    },
  );

  it("refuses credentials in the URL and invalid URLs", async () => {
    expect((await refusal(safeFetch(`http://user:pw@127.0.0.1:${server.port}/ok`))).code).toBe("credentials_in_url");
    expect((await refusal(safeFetch("not a url"))).code).toBe("invalid_url");
  });

  it("refuses loopback without the test setting, before any request", async () => {
    const before = server.hits.length;
    const err = await refusal(safeFetch(server.url("/ok"), { allowLoopback: false }));
    expect(err.code).toBe("address_not_allowed");
    expect(err.message).toContain("loopback");
    expect(server.hits.length).toBe(before);
  });

  it("refuses private addresses in IP-literal spellings the URL parser normalises", async () => {
    for (const url of ["http://0x7f.1/", "http://2130706433/", "http://[::1]/"]) {
      const err = await refusal(safeFetch(url, { allowLoopback: false }));
      expect(err.code).toBe("address_not_allowed");
    }
    expect((await refusal(safeFetch("http://0xa9fea9fe/"))).code).toBe("address_not_allowed"); // 169.254.169.254
  });

  it("checks every DNS answer: one private answer refuses the host", async () => {
    const resolve = async () => [
      { address: "93.184.215.14", family: 4 as const },
      { address: "10.0.0.1", family: 4 as const },
    ];
    const err = await refusal(safeFetch("http://news.example/", { resolve }));
    expect(err.code).toBe("address_not_allowed");
    expect(err.message).toContain("10.0.0.1");
  });

  it("connects to the address it checked, whatever the name resolves to later (no rebinding)", async () => {
    let calls = 0;
    // A rebinding resolver: the first answer is allowed, any later one points inside the network.
    const resolve = async () => [
      calls++ === 0 ? { address: "127.0.0.1", family: 4 as const } : { address: "10.0.0.1", family: 4 as const },
    ];
    const r = await safeFetch(`http://rebind.example:${server.port}/ok`, { resolve });
    expect(r.status).toBe(200);
    expect(r.address).toBe("127.0.0.1");
    expect(calls).toBe(1);
  });
});
