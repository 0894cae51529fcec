// The production server (`npm start`, `npm run demo`, the browser tests): Next.js behind a plain
// Node HTTP server, for two things `next start` cannot do.
// - The client's address: Next.js passes on whatever `X-Forwarded-For` a client sends. Here it is
//   believed only from the proxies in TRUSTED_PROXIES (lib/net/client-address.mjs), and the result
//   reaches the app in a header that carries this process's secret, so a client cannot forge it.
// - Graceful shutdown on SIGTERM/SIGINT: readiness (/api/ready) answers 503 at once, the listening
//   socket closes (no new connections), idle keep-alive connections are closed, requests in flight
//   finish (their connections close after the answer), and the process exits, within 10 s at most.
//   Live-update streams (lib/live/) never finish by themselves: the app ends them when told here
//   (`drainListeners`), and their browsers reconnect to another instance.
// And one for speed: the busiest JSON routes (GET /api/health, /api/ready, /api/queue, PATCH
// /api/claims/:id) are answered here without Next.js's router, app-route runtime and stream
// conversion, by the very handlers the route modules export (they hand them over when Next.js first
// loads them: lib/http/server-state.ts `serveDirectly`), with the headers and compression Next.js
// would apply (lib/http/fast-path.mjs). Everything else, and the first request of each route, goes
// to Next.js. FAST_ROUTES=off turns this off; tests/cluster/fast-path.test.ts compares both ways.
import crypto from "node:crypto";
import http from "node:http";
import next from "next";
import { findFastRoute, serveFast } from "./lib/http/fast-path.mjs";
import { clientAddress, parseTrustedProxies } from "./lib/net/client-address.mjs";

const port = Number(process.env.PORT || 3000);
/** Past this, connections still open are cut and the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 9_000;

let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

// Shared with the app (same process): lib/http/server-state.ts reads both.
// `fastRoutes`: the JSON routes answered here without Next.js's router (lib/http/fast-path.mjs).
// FAST_ROUTES=off sends every request through Next.js; FAST_ROUTES=mark marks the answers served
// here (`X-Served-By: server.mjs`). The two-instance suite runs one of each and compares answers.
const state = {
  draining: false,
  token: crypto.randomBytes(16).toString("hex"),
  drainListeners: new Set(),
  fastRoutes: process.env.FAST_ROUTES === "off" ? undefined : [],
};
globalThis[Symbol.for("fact-check-desk.server")] = state;

const markFast = process.env.FAST_ROUTES === "mark";

const app = next({ dev: false, hostname: "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const route = findFastRoute(state.fastRoutes, req.method, req.url);
  // A route with a plain answer (health, readiness) reads nothing of the request: no address to work out.
  if (!route?.plain) {
    req.headers["x-fcd-client-address"] =
      `${state.token} ${clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted) ?? ""}`;
  }
  if (state.draining) res.setHeader("Connection", "close");
  (route ? serveFast(req, res, route, port, markFast) : handle(req, res)).catch((err) => {
    console.error("[server] unhandled error", err);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end('{"error":{"code":"internal","message":"Something went wrong on our side. Please try again."}}');
  });
});
// A request stays "in flight" from its first byte: headers still arriving keep their connection.
server.keepAliveTimeout = 5_000;

// Every interface, as `next start` does.
server.listen(port, () => {
  console.log(`Fact-check Desk listening on http://localhost:${port}`);
});

function shutDown(signal) {
  if (state.draining) return;
  state.draining = true;
  console.log(`[server] ${signal}: draining (no new connections, finishing requests in flight)`);
  const deadline = setTimeout(() => {
    console.error("[server] requests still open at the deadline: closing them");
    server.closeAllConnections();
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  server.close(() => {
    clearTimeout(deadline);
    console.log("[server] drained");
    process.exit(0);
  });
  for (const listener of state.drainListeners) {
    try {
      listener();
    } catch (err) {
      console.error("[server] a drain listener failed", err);
    }
  }
  server.closeIdleConnections();
  // A keep-alive connection that finishes its request becomes idle: close those as they do.
  setInterval(() => server.closeIdleConnections(), 100).unref();
}
process.on("SIGTERM", () => shutDown("SIGTERM"));
process.on("SIGINT", () => shutDown("SIGINT"));
