import fc from "fast-check";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { describe, expect, it } from "vitest";
import { parseCookieHeader } from "@/lib/http/cookie-header";
import { findFastRoute } from "@/lib/http/fast-path.mjs";

/**
 * server.mjs answers a few JSON routes without Next.js (lib/http/fast-path.mjs): the session is
 * then read from the request's Cookie header by parseCookieHeader instead of next/headers, and must
 * read exactly what Next.js's `cookies()` reads.
 */
describe("parseCookieHeader reads a Cookie header as Next.js's cookies() does", () => {
  // Both read the header through a Web `Headers` (which trims it), as apiRoute and Next.js do.
  const nextReads = (header: string) =>
    new Map(new RequestCookies(new Headers({ cookie: header })).getAll().map((c) => [c.name, c.value] as [string, string]));
  const ours = (header: string) => parseCookieHeader(new Headers({ cookie: header }).get("cookie"));

  it("on chosen headers: chunks, duplicates, bad encoding, empty pairs, bare names", () => {
    for (const header of [
      "authjs.session-token=abc.def",
      "a=1; authjs.session-token.0=x; authjs.session-token.1=y",
      "a=1;b=2;  c=3",
      "a=1; a=2",
      "a=%E0%A4%A; b=%41",
      "flag; =v; a==b; ;;",
      "__Secure-authjs.session-token=t%2Bk",
    ]) {
      expect(ours(header)).toEqual(nextReads(header));
    }
  });

  it("on any header made of cookie-ish characters", () => {
    const piece = fc.constantFrom("a", "b", "=", ";", " ", "%", "4", "1", "E0", ".", "authjs.session-token", "x");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const header = pieces.join("");
        if (!header.trim()) return;
        expect(ours(header)).toEqual(nextReads(header));
      }),
    );
  });
});

describe("findFastRoute matches only exact paths and plain parameters", () => {
  const handler = async () => new Response(null);
  const routes = [
    { method: "GET", segments: "/api/queue".split("/"), handler },
    { method: "PATCH", segments: "/api/claims/:id".split("/"), handler },
  ];

  it("finds the route and its parameter, the query string aside", () => {
    expect(findFastRoute(routes, "GET", "/api/queue?verdict=false")?.params).toEqual({});
    expect(findFastRoute(routes, "PATCH", "/api/claims/0a1b-2c_3")?.params).toEqual({ id: "0a1b-2c_3" });
  });

  it("leaves everything else to Next.js", () => {
    for (const [method, url] of [
      ["HEAD", "/api/queue"],
      ["POST", "/api/queue"],
      ["GET", "/api/queue/"],
      ["GET", "//api/queue"],
      ["GET", "/api/%71ueue"],
      ["GET", "/api/queue/x"],
      ["PATCH", "/api/claims/"],
      ["PATCH", "/api/claims/%41"],
      ["PATCH", "/api/claims/a/b"],
      ["PATCH", "/api/claims/a.b"],
      ["GET", "/api/claims/a"],
    ] as const) {
      expect(findFastRoute(routes, method, url)).toBeNull();
    }
    expect(findFastRoute(undefined, "GET", "/api/queue")).toBeNull();
  });
});

describe("json() answers what NextResponse.json answers, and keeps its text for server.mjs", () => {
  it("same status, headers and body", async () => {
    const { NextResponse } = await import("next/server");
    const { json } = await import("@/lib/http/api");
    for (const [data, status, headers] of [
      [{ items: [{ a: "é\u2028" }], next: null }, 200, {}],
      [{ status: "draining" }, 503, { Connection: "close" }],
      [[1, "two"], 201, { "Content-Type": "application/problem+json" }],
      ["text", 200, {}],
    ] as const) {
      const ours = json(data, status, headers);
      const theirs = NextResponse.json(data, { status, headers: { "Cache-Control": "no-store", ...headers } });
      expect([...ours.headers]).toEqual([...theirs.headers]);
      expect(ours.status).toBe(theirs.status);
      const text = await theirs.text();
      expect(await ours.text()).toBe(text);
      expect((ours as unknown as Record<symbol, unknown>)[Symbol.for("fact-check-desk.json-text")]).toBe(text);
    }
    expect(() => json(undefined)).toThrow(TypeError);
  });
});
