import { openApiDocument } from "@/lib/api/openapi";
import { renderReferencePage } from "@/lib/api/reference-page";

export const dynamic = "force-dynamic";

/** The API reference for people, rendered from the OpenAPI document. Public, like the document. */
export function GET(): Response {
  return new Response(renderReferencePage(openApiDocument()), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      // Script-free: only its own inline style sheet.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
