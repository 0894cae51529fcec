import "server-only";
import { headers } from "next/headers";

// A plain host name or IP (IPv6 in brackets) with an optional port: anything else in the header
// is not put into a link.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin the browser used to reach this server ("http://localhost:4310"), from the forwarded
 * or plain Host header, or null when there is none that is a plain host. Public links use it when
 * neither PUBLIC_BASE_URL nor ORG_URL is configured (see publicBaseUrl), so that a desk served on
 * another port links to itself.
 */
export function originOf(h: Headers): string | null {
  const host = (h.get("x-forwarded-host") ?? h.get("host"))?.split(",")[0]?.trim();
  if (!host || !HOST.test(host)) return null;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return `${proto === "https" ? "https" : "http"}://${host.toLowerCase()}`;
}

/** originOf the request being served (pages and server actions). */
export async function requestOrigin(): Promise<string | null> {
  return originOf(await headers());
}
