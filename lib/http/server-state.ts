/**
 * What server.mjs (the production server, same process) tells the app: whether it is shutting
 * down, and the client's address it worked out from the socket and TRUSTED_PROXIES. Under
 * `next dev` or a bare `next start` there is no such server: never draining, no client address
 * (a forwarded address cannot be checked there, so none is believed).
 */
interface ServerState {
  draining: boolean;
  token: string;
  /** Called once when draining starts (server.mjs): long-lived answers such as live streams end then. */
  drainListeners?: Set<() => void>;
}

function serverState(): ServerState | undefined {
  return (globalThis as Record<symbol, ServerState | undefined>)[Symbol.for("fact-check-desk.server")];
}

export function isDraining(): boolean {
  return serverState()?.draining === true;
}

/**
 * Runs `fn` when the server starts draining, so that a response that would otherwise stay open
 * (a live-update stream) ends and does not hold the process past its shutdown deadline. Returns a
 * function that removes it. Without server.mjs nothing drains: a no-op.
 */
export function onDrain(fn: () => void): () => void {
  const listeners = serverState()?.drainListeners;
  if (!listeners) return () => {};
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The client's address as server.mjs determined it; a header without this process's token is ignored. */
export function clientAddressOf(headers: Headers | undefined): string | null {
  const state = serverState();
  const value = headers?.get("x-fcd-client-address");
  if (!state || !value) return null;
  const [token, address] = value.split(" ");
  if (!address || token !== state.token) return null;
  return address;
}
