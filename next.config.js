// @ts-check
/**
 * Security headers on every response (docs/security.md §Input and output). App pages get their
 * Content-Security-Policy, with a per-request nonce, from proxy.ts; JSON answers and the public
 * report page get a document policy here; report exports set their own (`sandbox`) in the route.
 */
const documentCsp = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Verdict cards (/embed/…) are made to be framed by other sites: the one place that allows it. */
const embedCsp = documentCsp.replace("frame-ancestors 'none'", "frame-ancestors *");

const commonHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Ignored by browsers over plain http; effective as soon as the desk is served over https.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` (tsc --noEmit over the whole project, tests included) is the type gate and
  // runs in CI; doing it again inside every `next build` only slows the demo and the browser tests.
  typescript: { ignoreBuildErrors: true },
  // Native/WASM and font-reading packages must be loaded by Node, not bundled.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "3mb" } },
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "postgres"],
  async headers() {
    return [
      { source: "/:path*", headers: commonHeaders },
      { source: "/((?!embed/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/embed/:path*", headers: [{ key: "Content-Security-Policy", value: embedCsp }] },
      // Report exports set their own policy (`sandbox`): a config header would replace it.
      { source: "/api/((?!articles/[^/]+/report\\.).*)", headers: [{ key: "Content-Security-Policy", value: documentCsp }] },
      { source: "/reports/:path*", headers: [{ key: "Content-Security-Policy", value: documentCsp }] },
    ];
  },
};

export default nextConfig;
