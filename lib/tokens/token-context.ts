import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The API token a request acts through, for the audit rows its use cases write: set by the route
 * wrapper around the handler, read by recordAudit. Use cases need not pass it along.
 */
// One store per process (globalThis): Next.js may evaluate this module in several bundles.
const SCOPE_KEY = Symbol.for("fact-check-desk.api-token-scope");
const slot = globalThis as { [SCOPE_KEY]?: AsyncLocalStorage<{ tokenId: string }> };
const scope = (slot[SCOPE_KEY] ??= new AsyncLocalStorage<{ tokenId: string }>());

export function runWithToken<T>(tokenId: string | undefined, fn: () => Promise<T>): Promise<T> {
  return tokenId ? scope.run({ tokenId }, fn) : fn();
}

export function currentTokenId(): string | null {
  return scope.getStore()?.tokenId ?? null;
}
