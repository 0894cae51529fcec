import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** An HTTP server on 127.0.0.1 at a free port whose routes a test can change between requests. */
export async function startLocalServer(routes: Record<string, Route> = {}) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    hits.push(path);
    const route = routes[path];
    if (route) return route(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    routes,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A TCP port on 127.0.0.1 that never completes a connection: a listener with a backlog of 0 that
 * never accepts, its one queue slot taken; further SYNs are dropped, so a connect hangs (what a
 * black-holed host does). Node's servers always accept, hence the small python3 helper.
 */
export async function startBlackHole(): Promise<{ port: number; close: () => void }> {
  const child: ChildProcess = spawn("python3", [
    "-c",
    "import socket,sys\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(0)\n" +
      "f=socket.create_connection(s.getsockname())\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()",
  ]);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
  });
  return { port, close: () => child.kill() };
}
