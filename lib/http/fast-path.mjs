// @ts-check
// server.mjs's own dispatch of the hottest JSON routes (GET /api/health, /api/ready, /api/queue,
// PATCH /api/claims/:id): the route modules hand their exported handlers to the server state
// (`serveDirectly` in lib/http/server-state.ts) when Next.js first loads them, and from then on a
// request that matches one exactly is answered here: a Web `Request` is made from the Node request
// as Next.js makes it (same URL, same headers; a small body with a Content-Length read whole,
// any other as a stream), or only its head for a GET handler that reads no more (`RequestHead`),
// the handler runs, and its answer (a `Response`, or a plain JSON answer:
// `apiRoute(…).answer` in lib/http/api.ts) is written to the socket as Next.js writes it: the
// headers next.config.js adds (lib/http/security-headers.mjs), Next.js's `Vary`, the same
// compression middleware, the body (a `Response`'s streamed, chunked). Anything else, and anything
// in doubt (another method, a trailing slash, percent-encoding in a segment), goes to Next.js.
// tests/cluster/fast-path.test.ts compares the answers of both ways. Plain JavaScript: server.mjs
// runs outside the app's bundle.
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { apiHeaders } from "./security-headers.mjs";

const require = createRequire(import.meta.url);
/** Next.js's own gzip middleware (next/dist/server/lib/router-server.js), same defaults. */
const compress = require("next/dist/compiled/compression")();
const { releaseCompressionStream } = require("next/dist/server/lib/release-compression-stream");

/** Where lib/http/api.ts `json()` leaves the body text of the Response it makes. */
const JSON_TEXT = Symbol.for("fact-check-desk.json-text");

/** What Next.js's base server puts in `Vary` for an app route (`setVaryHeader`). */
const APP_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

/** A path parameter served here: no percent-encoding, so there is nothing to decode differently. */
const PARAM = /^[A-Za-z0-9_-]+$/;

/**
 * The handler and parameters of the route `method` `url` (path and query) names, or null.
 * @param {{ method: string, segments: string[], handler: Function, plain?: Function, head?: boolean }[] | undefined} routes
 * @param {string | undefined} method
 * @param {string | undefined} url
 */
export function findFastRoute(routes, method, url) {
  if (!routes || routes.length === 0 || !method || !url) return null;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.startsWith("/api/")) return null;
  const segments = path.split("/");
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    let matched = true;
    for (let i = 0; i < segments.length && matched; i++) {
      const want = route.segments[i];
      const got = segments[i];
      if (want.startsWith(":")) {
        if (PARAM.test(got)) params[want.slice(1)] = got;
        else matched = false;
      } else if (want !== got) matched = false;
    }
    if (matched) return { handler: route.handler, plain: route.plain, head: route.head, params };
  }
  return null;
}

/**
 * Answers `req` with `route` (from findFastRoute). `port` is the one given to Next.js: the
 * request's URL is built as Next.js builds it (`http[s]://localhost:<port><path>`). `mark` adds
 * `X-Served-By: server.mjs` (FAST_ROUTES=mark, for the two-instance suite).
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ handler: Function, plain?: Function, head?: boolean, params: Record<string, string> }} route
 * @param {number} port
 * @param {boolean} [mark]
 */
export async function serveFast(req, res, route, port, mark = false) {
  if (route.plain) return servePlain(req, res, await route.plain(), mark);
  // A handler that declares no parameter (GET /api/health, /api/ready) never reads the request:
  // it is not made. One that reads only the request's head (GET /api/queue: `head` in
  // serveDirectly) gets that, without the undici `Request` and `Headers` Next.js would make.
  const request =
    route.handler.length === 0
      ? undefined
      : route.head && (req.method === "GET" || req.method === "HEAD")
        ? new RequestHead(req, port)
        : webRequest(req, port, await smallBody(req));
  /** @type {Response | { status: number, headers: Record<string, string>, text: string }} */
  const response = await route.handler(request, { params: Promise.resolve(route.params) });
  // A plain answer (lib/http/api.ts `apiRoute(…).answer`): written as it is, no Response to read.
  if (!(response instanceof Response)) return servePlain(req, res, response, mark);
  useCompression(req, res);
  for (const { key, value } of apiHeaders) res.setHeader(key, value);
  res.setHeader("vary", APP_VARY);
  if (mark) res.setHeader("x-served-by", "server.mjs");
  const setCookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name === "vary") res.appendHeader(name, value);
    else if (name !== "set-cookie") res.setHeader(name, value);
  }
  if (setCookies.length > 0) res.setHeader("set-cookie", setCookies);
  res.statusCode = response.status;
  // lib/http/api.ts `json()` keeps the text it serialised: no need to read it back from the stream.
  const text = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (response))[JSON_TEXT];
  const body = typeof text === "string" ? Buffer.from(text) : response.body ? Buffer.from(await response.arrayBuffer()) : null;
  // Streamed as Next.js streams it (chunked, so the compression middleware decides as it does
  // there), but in one write to the socket: headers, the chunk and the end together.
  res.cork();
  if (body && body.length > 0) res.write(body);
  res.end();
  res.uncork();
}

/**
 * Puts Next.js's compression middleware on `res`, as Next.js does for every response. It decides
 * when the headers are written, from the request and the response's headers, so putting it on
 * after the handler ran and before anything is written gives the same answer.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function useCompression(req, res) {
  compress(req, res, () => {});
  res.once("close", () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
}

/**
 * What a handler that reads only the request's head is given instead of a Web `Request`: its
 * method, its URL as webRequest builds it, and its headers' `get` (Node's parsed headers, as
 * webRequest copies them into the `Request`). Nothing else: no body, no signal, no clone.
 */
class RequestHead {
  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {number} port
   */
  constructor(req, port) {
    this.method = /** @type {string} */ (req.method);
    this.url = `${requestProtocol(req)}://localhost:${port}${req.url}`;
    this.headers = new HeadersOfNode(req.headers);
  }
}

/** `Headers.get` over Node's parsed request headers (lower-case names; a repeated header joined with ", "). */
class HeadersOfNode {
  /** @param {import("node:http").IncomingHttpHeaders} headers */
  constructor(headers) {
    this.raw = headers;
  }

  /** @param {string} name */
  get(name) {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /** @param {string} name */
  has(name) {
    return this.raw[name.toLowerCase()] !== undefined;
  }
}

/** @param {import("node:http").IncomingMessage} req */
function requestProtocol(req) {
  return String(req.headers["x-forwarded-proto"] ?? "").includes("https") ? "https" : "http";
}

/**
 * Writes a plain answer (lib/http/server-state.ts `PlainAnswer`: a JSON text and its headers) as
 * serveFast writes the `Response` it stands for. A request without `Accept-Encoding` does not go
 * through the compression middleware: for a compressible type (JSON) whose Cache-Control does not
 * say `no-transform`, all the middleware does then is add `Accept-Encoding` to `Vary` (it
 * negotiates `identity`), and that is done here; any other request goes through it.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ status: number, headers: Record<string, string>, text: string }} answer
 * @param {boolean} mark
 */
function servePlain(req, res, answer, mark) {
  const direct =
    req.headers["accept-encoding"] === undefined &&
    answer.headers["content-type"] === "application/json" &&
    answer.headers.vary === undefined &&
    !/no-transform/i.test(answer.headers["cache-control"] ?? "");
  if (!direct) useCompression(req, res);
  writePlain(res, answer, direct ? `${APP_VARY}, Accept-Encoding` : APP_VARY, mark);
}

/**
 * The headers and body of a plain answer, as serveFast writes those of the `Response` it stands
 * for: the security headers, `vary`, the answer's own headers, the text in one write.
 * @param {import("node:http").ServerResponse} res
 * @param {{ status: number, headers: Record<string, string>, text: string }} answer
 * @param {string} vary
 * @param {boolean} mark
 */
function writePlain(res, answer, vary, mark) {
  for (const { key, value } of apiHeaders) res.setHeader(key, value);
  res.setHeader("vary", vary);
  if (mark) res.setHeader("x-served-by", "server.mjs");
  for (const name in answer.headers) {
    if (name === "vary") res.appendHeader(name, answer.headers[name]);
    else res.setHeader(name, answer.headers[name]);
  }
  res.statusCode = answer.status;
  res.cork();
  if (answer.text.length > 0) res.write(answer.text);
  res.end();
  res.uncork();
}

/**
 * The Web request Next.js would hand the route: `http[s]://localhost:<port><path>` (next-server's
 * initURL with the hostname and port given to next()), the headers as Node parsed them (with the
 * client address server.mjs added), the body as a stream (no body for GET and HEAD), or `body`
 * when smallBody read it already.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} port
 * @param {Buffer | ReadableStream | null} body
 */
function webRequest(req, port, body) {
  const protocol = requestProtocol(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.append(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`${protocol}://localhost:${port}${req.url}`, {
    method: req.method,
    headers,
    // @ts-expect-error Node's Readable.toWeb gives a ReadableStream that undici accepts
    body: hasBody ? (body ?? Readable.toWeb(req)) : null,
    duplex: "half",
  });
}

/**
 * Bodies that declare at most this length are read whole before the handler runs. A claim edit is
 * a few hundred bytes; anything larger, or of unknown length (chunked), stays a stream.
 */
const SMALL_BODY_BYTES = 64 * 1024;

/**
 * The body of `req` as one Buffer when it declares a small length (Node's parser delivers no more
 * than that), or null: the handler then reads it as a stream. Either way the handler's own reading
 * (lib/http/request-body.ts `readBodyText`: its size limit and its 400s) sees the same bytes, and a
 * handler that answers without reading the body (403, 401, 429) holds at most SMALL_BODY_BYTES of
 * it. Saves Readable.toWeb and its stream machinery on every write. A body that breaks off (the
 * client went away) is given as a stream that fails with the same error, as the stream would have.
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<Buffer | ReadableStream | null>}
 */
function smallBody(req) {
  if (req.method === "GET" || req.method === "HEAD") return Promise.resolve(null);
  const declared = req.headers["content-length"];
  if (declared === undefined || req.headers["transfer-encoding"] !== undefined) return Promise.resolve(null);
  if (!(Number(declared) <= SMALL_BODY_BYTES)) return Promise.resolve(null);
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    /** @param {unknown} err */
    const failed = (err) =>
      resolve(
        new ReadableStream({
          start(controller) {
            controller.error(err);
          },
        }),
      );
    req.on("data", (/** @type {Buffer} */ chunk) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once("error", failed);
    req.once("close", () => {
      if (!req.complete) failed(new Error("aborted"));
    });
  });
}
