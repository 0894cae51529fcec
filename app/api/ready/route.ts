import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { plainJson, responseOf } from "@/lib/http/api";
import { isDraining, serveDirectly } from "@/lib/http/server-state";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 while this instance takes requests, 503 while it shuts down
 * (server.mjs, SIGTERM) or cannot reach its database. /api/health stays the liveness check.
 */
async function answer() {
  if (isDraining()) return plainJson({ status: "draining" }, 503, { Connection: "close" });
  const report = await checkHealth(env.DATABASE_URL ? "postgres" : "pglite");
  return plainJson(report, report.status === "ok" ? 200 : 503);
}

export async function GET() {
  return responseOf(await answer());
}

serveDirectly("GET", "/api/ready", GET, { plain: answer });
