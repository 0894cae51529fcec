/**
 * Request checks shared by route handlers (`apiRoute`) and the proxy (server actions): plain
 * functions of the request's method and headers, so the proxy can run them before the framework.
 */

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A state-changing request that a browser marks as coming from another site: `Sec-Fetch-Site`
 * where the browser sends it, else an `Origin` whose host is not the one the request was sent to.
 */
export function isCrossSite(request: { method: string; headers: Headers }): boolean {
  if (!STATE_CHANGING.has(request.method)) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The body limit of server actions (`serverActions.bodySizeLimit` in next.config.js: "3mb"). */
export const SERVER_ACTION_BODY_LIMIT = 3 * 1024 * 1024;

/** What a form says about a file over the limit (lib/articles/read-upload.ts says the same). */
export const FILE_TOO_LARGE = "The file is larger than 2 MB.";

/**
 * A POST to a page is a server action (a `Next-Action` header from the app's own script, or a
 * form posted without it). The framework answers a cross-site one and one over the body limit
 * with a 500; this says what to answer instead, or null to let the framework handle it.
 */
export function serverActionRefusal(request: { method: string; headers: Headers }): {
  status: number;
  body: { error: { code: string; message: string; fields?: Record<string, string> } };
} | null {
  if (request.method !== "POST") return null;
  if (isCrossSite(request)) {
    return { status: 403, body: { error: { code: "forbidden", message: "Cross-site requests are not accepted." } } };
  }
  const length = request.headers.get("content-length");
  // A streamed body with no declared length (browsers always declare one) would be cut at the
  // limit by the framework with a 500: ask for the length instead.
  if (length === null && /chunked/i.test(request.headers.get("transfer-encoding") ?? "")) {
    return {
      status: 411,
      body: { error: { code: "length_required", message: "Send the request with a Content-Length header." } },
    };
  }
  const declared = Number(length ?? 0);
  if (declared > SERVER_ACTION_BODY_LIMIT) {
    return {
      status: 413,
      body: { error: { code: "validation_failed", message: FILE_TOO_LARGE, fields: { file: FILE_TOO_LARGE } } },
    };
  }
  return null;
}

/**
 * A server action called from a script sends its arguments as React's reply encoding: with plain
 * values (no form, no file), `text/plain` holding a JSON array of the arguments. A body that is
 * not one cannot name any arguments; the framework would fail decoding it deep inside. True when
 * `body` is such a request's body and is not a JSON array.
 */
export function isMalformedActionBody(request: { method: string; headers: Headers }, body: string): boolean {
  if (request.method !== "POST" || !request.headers.get("next-action")) return false;
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("text/plain")) return false;
  try {
    return !Array.isArray(JSON.parse(body));
  } catch {
    return true;
  }
}

/** Whether the proxy should read the body to check it with isMalformedActionBody. */
export function hasPlainActionBody(request: { method: string; headers: Headers }): boolean {
  return (
    request.method === "POST" &&
    Boolean(request.headers.get("next-action")) &&
    (request.headers.get("content-type") ?? "").toLowerCase().startsWith("text/plain")
  );
}
