import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { env } from "../env";
import { checkAddress, ipFamily } from "./address-policy";

/**
 * The one outbound HTTP client for URLs a user gave us (source links now; webhooks and import by
 * URL later). What it guarantees, whatever the URL or the servers on the way answer:
 * - only http: and https:, no credentials in the URL;
 * - every DNS answer of every hop is checked (lib/net/address-policy.ts) and the socket connects
 *   to the address that was checked (our own `lookup`), so DNS cannot change its answer between
 *   the check and the connect (rebinding);
 * - redirects are followed by hand, each hop checked again, at most `maxRedirects` of them;
 * - the body is read up to `maxBytes` (after decompression) and cut there, `truncated` says so;
 * - a connect timeout per hop and a total deadline for the whole fetch;
 * - a User-Agent that names us; no cookies are sent or kept; no proxy from the environment.
 */

export type SafeFetchErrorCode =
  | "disabled"
  | "invalid_url"
  | "scheme_not_allowed"
  | "credentials_in_url"
  | "dns_failed"
  | "address_not_allowed"
  | "too_many_redirects"
  | "connect_timeout"
  | "timeout"
  | "network";

export class SafeFetchError extends Error {
  constructor(
    public readonly code: SafeFetchErrorCode,
    message: string,
    /** The URL of the hop that failed. */
    public readonly url?: string,
  ) {
    super(message);
    this.name = "SafeFetchError";
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface SafeFetchOptions {
  method?: "GET" | "HEAD" | "POST";
  /** Extra request headers (a `cookie` header is dropped). */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** 0: a 3xx answer is returned as it is (webhooks); default 5. */
  maxRedirects?: number;
  /** Body bytes kept (after decompression); default 2 MiB. */
  maxBytes?: number;
  /** Per hop, from socket creation to connected; default 5 s. */
  connectTimeoutMs?: number;
  /** For the whole fetch, all hops and the body included; default 15 s. */
  timeoutMs?: number;
  /** Can only narrow the environment's policy (a test proves loopback is refused without it). */
  allowLoopback?: false;
  /** DNS resolution (tests inject answers); every answer is still checked. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface SafeFetchResult {
  status: number;
  /** The URL of the last hop (after redirects). */
  url: string;
  /** Every URL visited, the first one included. */
  hops: string[];
  /** The address the last hop connected to. */
  address: string;
  headers: Record<string, string>;
  contentType: string | null;
  body: Buffer;
  /** The body was longer than maxBytes and was cut there. */
  truncated: boolean;
}

export const SAFE_FETCH_DEFAULTS = {
  maxRedirects: 5,
  maxBytes: 2 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  timeoutMs: 15_000,
} as const;

export function userAgent(): string {
  return `FactCheckDesk/0.1 (${env.ORG_URL ? `+${env.ORG_URL}; ` : ""}source checker)`;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function resolveSystem(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/** The URL, parsed and checked for scheme and credentials. */
function parseTarget(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError("invalid_url", "That is not a valid URL.", String(raw));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SafeFetchError("scheme_not_allowed", `Only http and https URLs are fetched, not ${url.protocol}`, url.href);
  }
  if (url.username || url.password) {
    throw new SafeFetchError("credentials_in_url", "URLs with a user name or password are not fetched.", url.href);
  }
  return url;
}

/** Resolves the hop's host and checks every answer; returns the one address to connect to. */
async function pickAddress(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  const policy = { allowLoopback: options.allowLoopback !== false && env.OUTBOUND_ALLOW_LOOPBACK === "1" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = ipFamily(host);
  let answers: ResolvedAddress[];
  if (literal) {
    answers = [{ address: host, family: literal }];
  } else {
    try {
      answers = await (options.resolve ?? resolveSystem)(host);
    } catch (err) {
      throw new SafeFetchError("dns_failed", `The name ${host} could not be resolved (${(err as Error).message}).`, url.href);
    }
    if (answers.length === 0) throw new SafeFetchError("dns_failed", `The name ${host} has no address.`, url.href);
  }
  // One bad answer refuses the host: a name that also points inside the network is not trusted.
  for (const a of answers) {
    const verdict = checkAddress(a.address, policy);
    if (!verdict.allowed) {
      throw new SafeFetchError(
        "address_not_allowed",
        `${host} resolves to ${a.address} (${verdict.reason}); only public addresses are fetched.`,
        url.href,
      );
    }
  }
  return answers[0]!;
}

/** A lookup that always answers the checked address: the socket cannot go anywhere else. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return res.pipe(zlib.createGunzip());
  if (encoding === "deflate") return res.pipe(zlib.createInflate());
  if (encoding === "br") return res.pipe(zlib.createBrotliDecompress());
  return res;
}

interface HopResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || k === "set-cookie") continue; // cookies are never kept
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/** One request to one checked address; reads the body only when `readBody`. */
function requestHop(
  url: URL,
  pinned: ResolvedAddress,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  limits: { maxBytes: number; connectTimeoutMs: number; deadline: number },
  readBody: (status: number) => boolean,
): Promise<HopResult> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      fn();
    };
    const fail = (err: SafeFetchError) => {
      finish(() => reject(err));
      req.destroy();
    };
    const req = transport.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      lookup: pinnedLookup(pinned),
      agent: false, // no pooled socket from another hop or another address
      ...(url.protocol === "https:" && !ipFamily(url.hostname) ? { servername: url.hostname } : {}),
    });
    const remaining = Math.max(1, limits.deadline - Date.now());
    const totalTimer = setTimeout(
      () => fail(new SafeFetchError("timeout", `No complete answer within the time limit.`, url.href)),
      remaining,
    );
    let connectTimer: NodeJS.Timeout | undefined;
    req.on("socket", (socket) => {
      connectTimer = setTimeout(
        () => fail(new SafeFetchError("connect_timeout", `Could not connect within ${limits.connectTimeoutMs} ms.`, url.href)),
        limits.connectTimeoutMs,
      );
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (err) => fail(new SafeFetchError("network", `The request failed: ${err.message}`, url.href)));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const resHeaders = flattenHeaders(res.headers);
      if (!readBody(status) || method === "HEAD") {
        res.resume();
        finish(() => resolve({ status, headers: resHeaders, body: Buffer.alloc(0), truncated: false }));
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const stream = decoded(res);
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        const room = limits.maxBytes - size;
        if (chunk.length > room) {
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size = limits.maxBytes;
          finish(() => resolve({ status, headers: resHeaders, body: Buffer.concat(chunks), truncated: true }));
          req.destroy(); // stop downloading the rest
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      stream.on("end", () =>
        finish(() => resolve({ status, headers: resHeaders, body: Buffer.concat(chunks), truncated: false })),
      );
      stream.on("error", (err) => fail(new SafeFetchError("network", `Reading the answer failed: ${err.message}`, url.href)));
      res.on("aborted", () => fail(new SafeFetchError("network", "The server closed the connection mid-answer.", url.href)));
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** Fetches a user-given URL under the rules above; throws SafeFetchError when a rule refuses it. */
export async function safeFetch(raw: string | URL, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  if (env.OUTBOUND_FETCH === "off") throw new SafeFetchError("disabled", "Outbound fetches are turned off (OUTBOUND_FETCH=off).");
  const maxRedirects = options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const limits = {
    maxBytes: options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes,
    connectTimeoutMs: options.connectTimeoutMs ?? SAFE_FETCH_DEFAULTS.connectTimeoutMs,
    deadline: Date.now() + (options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs),
  };
  const extra = Object.fromEntries(Object.entries(options.headers ?? {}).filter(([k]) => k.toLowerCase() !== "cookie"));
  let url = parseTarget(raw);
  let method: string = options.method ?? "GET";
  let body = options.body;
  const hops: string[] = [];
  for (;;) {
    hops.push(url.href);
    const pinned = await pickAddress(url, options);
    const headers: Record<string, string> = {
      "user-agent": userAgent(),
      accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
      "accept-encoding": "gzip, deflate, br",
      ...extra,
      ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}),
    };
    const hop = await requestHop(url, pinned, method, headers, body, limits, (status) => {
      return !(REDIRECTS.has(status) && maxRedirects > 0);
    });
    const location = hop.headers.location;
    if (REDIRECTS.has(hop.status) && maxRedirects > 0 && location) {
      if (hops.length > maxRedirects) {
        throw new SafeFetchError("too_many_redirects", `More than ${maxRedirects} redirects.`, url.href);
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new SafeFetchError("invalid_url", `The redirect to ${location} is not a valid URL.`, url.href);
      }
      url = parseTarget(next);
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
      continue;
    }
    return {
      status: hop.status,
      url: url.href,
      hops,
      address: pinned.address,
      headers: hop.headers,
      contentType: hop.headers["content-type"] ?? null,
      body: hop.body,
      truncated: hop.truncated,
    };
  }
}
