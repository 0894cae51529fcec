import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { json } from "@/lib/http/api";
import { isDraining, serveDirectly } from "@/lib/http/server-state";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 while this instance takes requests, 503 while it shuts down
 * (server.mjs, SIGTERM) or cannot reach its database. /api/health stays the liveness check.
 */
export async function GET() {
  if (isDraining()) return json({ status: "draining" }, 503, { Connection: "close" });
  const report = await checkHealth(env.DATABASE_URL ? "postgres" : "pglite");
  return json(report, report.status === "ok" ? 200 : 503);
}

serveDirectly("GET", "/api/ready", GET);
