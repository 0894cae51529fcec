import { AsyncLocalStorage } from "node:async_hooks";
import { databaseFailure } from "./failures";

// Database failures met while serving one request, including those a library swallows: Auth.js
// catches errors of its jwt callback (which re-checks the session in the database) and answers
// "no session", so lib/http/api.ts asks here whether a 401 was really the database's fault.
//
// One store per process, on globalThis: Next.js evaluates this module in several bundles (route
// handlers, pages, instrumentation), and the database handle, opened by whichever came first (the
// job runner at start-up), must note its failures in the same store that the request's wrapper
// reads. A store per bundle lost them, and a request during an outage answered 401, not 503.
type FailureStore = AsyncLocalStorage<{ failure?: unknown }>;
const SCOPE_KEY = Symbol.for("fact-check-desk.database-failure-scope");
const slot = globalThis as { [SCOPE_KEY]?: FailureStore };
const failureScope: FailureStore = (slot[SCOPE_KEY] ??= new AsyncLocalStorage<{ failure?: unknown }>());

/** Runs `fn` with a record of the database failures (db/failures.ts databaseFailure) it meets. */
export function trackDatabaseFailures<T>(fn: () => Promise<T>): Promise<T> {
  return failureScope.run({}, fn);
}

/**
 * The first database failure met inside the current trackDatabaseFailures call, undefined if none,
 * or null outside of one (nothing is known).
 */
export function databaseFailureSeen(): unknown {
  const store = failureScope.getStore();
  return store ? store.failure : null;
}

/** Records `err` in the current scope if it is a database failure (and the first one). */
export function noteFailure(err: unknown): void {
  const store = failureScope.getStore();
  if (store && store.failure === undefined && databaseFailure(err)) store.failure = err;
}
