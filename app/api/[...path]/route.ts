import { errorResponse } from "@/lib/http/api";

/** Unknown /api addresses answer in the API's JSON error shape, not with the HTML 404 page. */
function notFound(): Response {
  return errorResponse("not_found", "There is no API endpoint at this address. See docs/api.md.");
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
