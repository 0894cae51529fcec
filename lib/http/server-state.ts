/**
 * What server.mjs (the production server, same process) tells the app: whether it is shutting
 * down, and the client's address it worked out from the socket and TRUSTED_PROXIES. Under
 * `next dev` or a bare `next start` there is no such server: never draining, no client address
 * (a forwarded address cannot be checked there, so none is believed).
 */
interface ServerState {
  draining: boolean;
  token: string;
  /** Called once when draining starts (server.mjs): long-lived answers such as live streams end then. */
  drainListeners?: Set<() => void>;
  /** The routes server.mjs answers without the framework's router (lib/http/fast-path.mjs). */
  fastRoutes?: FastRoute[];
}

/**
 * A route handler as Next.js calls it (the Web request and a promise of the path's parameters), or
 * one that may answer plain (lib/http/api.ts `apiRoute(…).answer`): server.mjs writes either.
 */
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response | PlainAnswer>;

/**
 * An answer server.mjs writes as it is, without making a Web `Response` (its headers, body stream
 * and cookie wrapper cost about as much CPU as a bare server's whole request): status, headers with
 * lower-case names, JSON text. lib/http/api.ts `plainJson` makes one as `json()` would answer.
 */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

interface FastRoute {
  method: string;
  /** Segments of the path; ":name" matches one segment of letters, digits, "-" and "_". */
  segments: string[];
  handler: RouteHandler;
  /** For a route that reads nothing of the request: the same answer as `handler`'s, plain. */
  plain?: () => Promise<PlainAnswer>;
  /** The handler reads only the request's head (`RequestHead`): a GET is given that, not a `Request`. */
  head?: boolean;
}

/**
 * What server.mjs gives a GET handler that declares it reads only the request's head (`head` in
 * serveDirectly's options) in place of the Web `Request` (lib/http/fast-path.mjs): the method, the
 * URL as Next.js builds it, and `headers.get`/`has` over Node's parsed headers. The undici
 * `Request` and its `Headers` cost several percent of a queue request's CPU.
 */
export interface RequestHead {
  readonly method: string;
  readonly url: string;
  readonly headers: Pick<Headers, "get" | "has">;
}

function serverState(): ServerState | undefined {
  return (globalThis as Record<symbol, ServerState | undefined>)[Symbol.for("fact-check-desk.server")];
}

export function isDraining(): boolean {
  return serverState()?.draining === true;
}

/**
 * Runs `fn` when the server starts draining, so that a response that would otherwise stay open
 * (a live-update stream) ends and does not hold the process past its shutdown deadline. Returns a
 * function that removes it. Without server.mjs nothing drains: a no-op.
 */
export function onDrain(fn: () => void): () => void {
  const listeners = serverState()?.drainListeners;
  if (!listeners) return () => {};
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The client's address as server.mjs determined it; a header without this process's token is ignored. */
export function clientAddressOf(headers: Headers | undefined): string | null {
  const state = serverState();
  const value = headers?.get("x-fcd-client-address");
  if (!state || !value) return null;
  const [token, address] = value.split(" ");
  if (!address || token !== state.token) return null;
  return address;
}

/**
 * Lets server.mjs answer `method` `path` ("/api/claims/:id") with `handler` itself, without
 * Next.js's router, app-route runtime and stream conversion (bench/README.md, "HTTP overhead"):
 * a route module calls it with the very handler it exports (or that handler's `answer`, which may
 * leave a JSON answer plain: lib/http/api.ts `apiRoute`), when Next.js first loads it, so the
 * first request of each route goes through Next.js and every later one is served directly, by the
 * same code in the same bundle (one copy of lib/, one database pool). Without server.mjs (next dev,
 * next start, tests) it does nothing and Next.js serves every request. `plain`, for a route that
 * reads nothing of the request (GET /api/health, /api/ready), gives the same answer as `handler`
 * without a `Response` (`handler` is then `responseOf(await plain())`). `head`, for a GET handler
 * that reads nothing of its request but `method`, `url` and `headers.get`/`has` (RequestHead):
 * server.mjs gives it a RequestHead instead of a `Request`.
 */
export function serveDirectly<P extends Record<string, string>>(
  method: "GET" | "PATCH",
  path: string,
  handler: (request: Request, context: { params: Promise<P> }) => Promise<Response | PlainAnswer>,
  options: { plain?: () => Promise<PlainAnswer>; head?: boolean } = {},
): void {
  const routes = serverState()?.fastRoutes;
  if (!routes || routes.some((r) => r.method === method && r.segments.join("/") === path)) return;
  routes.push({
    method,
    segments: path.split("/"),
    handler: handler as unknown as RouteHandler,
    plain: options.plain,
    head: method === "GET" && options.head === true,
  });
}
