// Types of fast-path.mjs (plain JavaScript for server.mjs) for the tests.
export interface FastRouteEntry {
  method: string;
  segments: string[];
  handler: (...args: never[]) => Promise<Response>;
}

export function findFastRoute(
  routes: FastRouteEntry[] | undefined,
  method: string | undefined,
  url: string | undefined,
): { handler: FastRouteEntry["handler"]; params: Record<string, string> } | null;

export function serveFast(
  req: import("node:http").IncomingMessage,
  res: import("node:http").ServerResponse,
  route: { handler: FastRouteEntry["handler"]; params: Record<string, string> },
  port: number,
  mark?: boolean,
): Promise<void>;
