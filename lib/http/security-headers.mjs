// @ts-check
/**
 * Security headers on every response (docs/security.md §Input and output), in one place for the
 * two servers that send them: next.config.js hands them to Next.js (`headers()`), and server.mjs
 * adds them to the JSON answers it serves without the framework (lib/http/fast-path.mjs). App
 * pages get their Content-Security-Policy, with a per-request nonce, from proxy.ts; JSON answers
 * and the public report page get a document policy here; report exports set their own (`sandbox`)
 * in the route.
 */
export const documentCsp = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Verdict cards (/embed/…) are made to be framed by other sites: the one place that allows it. */
export const embedCsp = documentCsp.replace("frame-ancestors 'none'", "frame-ancestors *");

export const commonHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Ignored by browsers over plain http; effective as soon as the desk is served over https.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/** next.config.js `headers()`: which paths get which headers. */
export const configHeaders = [
  { source: "/:path*", headers: commonHeaders },
  { source: "/((?!embed/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
  { source: "/embed/:path*", headers: [{ key: "Content-Security-Policy", value: embedCsp }] },
  // Report exports set their own policy (`sandbox`): a config header would replace it.
  { source: "/api/((?!articles/[^/]+/report\\.).*)", headers: [{ key: "Content-Security-Policy", value: documentCsp }] },
  { source: "/reports/:path*", headers: [{ key: "Content-Security-Policy", value: documentCsp }] },
];

/**
 * What the rules above give a JSON route under /api/ other than a report export (every route
 * server.mjs serves itself), in the order Next.js sets them. tests/cluster/fast-path.test.ts
 * compares the two servers' answers header by header.
 */
export const apiHeaders = [
  ...commonHeaders,
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: documentCsp },
];
