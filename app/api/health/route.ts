import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { json } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(env.DATABASE_URL ? "postgres" : "pglite");
  return json(report, report.status === "ok" ? 200 : 503);
}

serveDirectly("GET", "/api/health", GET);
