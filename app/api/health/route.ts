import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { plainJson, responseOf } from "@/lib/http/api";
import { serveDirectly } from "@/lib/http/server-state";

export const dynamic = "force-dynamic";

async function answer() {
  const report = await checkHealth(env.DATABASE_URL ? "postgres" : "pglite");
  return plainJson(report, report.status === "ok" ? 200 : 503);
}

export async function GET() {
  return responseOf(await answer());
}

serveDirectly("GET", "/api/health", GET, { plain: answer });
