// @ts-check
// Security headers (docs/security.md §Input and output): lib/http/security-headers.mjs, shared with
// server.mjs, which serves the hottest JSON routes itself with the same headers.
import { configHeaders } from "./lib/http/security-headers.mjs";

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
    return configHeaders;
  },
};

export default nextConfig;
