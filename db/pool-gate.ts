export class PoolTimeoutError extends Error {
  readonly code = "POOL_TIMEOUT";
  constructor(waitedMs: number, max: number) {
    super(`No free database connection within ${waitedMs} ms (pool of ${max}).`);
    this.name = "PoolTimeoutError";
  }
}

/**
 * A counting semaphore in front of the pool: `max` permits (one per connection, or several on the
 * pipelined pool of short statements, db/postgres.ts), taken by each query outside a transaction and
 * by each transaction as a whole; `connections` names the pool's size in the timeout's message.
 * postgres.js queues a query without any time limit when every connection is busy; here the wait
 * for a permit is bounded instead, and a query that gave up was never sent, so nothing of it
 * reached the database.
 */
export function createGate(max: number, timeoutMs: number, connections = max) {
  let free = max;
  const waiting: (() => void)[] = [];
  const releaser = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = waiting.shift();
      if (next) next();
      else free++;
    };
  };
  const acquire = (): Promise<() => void> => {
    if (free > 0) {
      free--;
      return Promise.resolve(releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(releaser());
      };
      const timer = setTimeout(() => {
        const i = waiting.indexOf(grant);
        if (i >= 0) waiting.splice(i, 1);
        reject(new PoolTimeoutError(timeoutMs, connections));
      }, timeoutMs);
      waiting.push(grant);
    });
  };
  return async <T>(fn: () => PromiseLike<T> | T): Promise<T> => {
    const release = await acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
}
