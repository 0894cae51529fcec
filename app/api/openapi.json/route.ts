import { openApiDocument } from "@/lib/api/openapi";
import { json } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the JSON API (lib/api/routes.ts). Public: it names no data. */
export function GET(): Response {
  return json(openApiDocument(), 200, { "Cache-Control": "public, max-age=3600" });
}
