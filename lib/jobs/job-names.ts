/**
 * Every queue of the job runner, by name. Pure, so that use cases can enqueue without importing
 * the handlers (which import use cases: a cycle otherwise).
 */
export const JOB_NAMES = {
  /** Fetch one source through safe-fetch and keep a snapshot (data: { sourceId }). */
  sourceCheck: "source-check",
  /** Scheduled: enqueue a check of every source not checked recently. */
  sourceSweep: "source-sweep",
  /** Scheduled: mark approved claims whose re-check date has passed as due. */
  recheckSweep: "recheck-sweep",
  /** Deliver one webhook (data: { deliveryId }). */
  webhookDeliver: "webhook-deliver",
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** The jobs that run on a schedule (cron expressions come from lib/env.ts). */
export const SCHEDULED_JOBS = [JOB_NAMES.sourceSweep, JOB_NAMES.recheckSweep] as const;

export interface QueueSettings {
  /** "stately": at most one waiting job per singletonKey (repeat enqueues of one source collapse). */
  policy: "standard" | "stately";
  retryLimit: number;
  /** Seconds before the first retry; doubled on each later one (retryBackoff). */
  retryDelay: number;
  retryBackoff: true;
  /** A job still running after this long is failed (and retried). */
  expireInSeconds: number;
}

export const QUEUE_SETTINGS: Record<JobName, QueueSettings> = {
  [JOB_NAMES.sourceCheck]: { policy: "stately", retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 120 },
  [JOB_NAMES.sourceSweep]: { policy: "standard", retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 600 },
  [JOB_NAMES.recheckSweep]: { policy: "standard", retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 600 },
  // Webhook receivers are often briefly down: more attempts, spread over about a day.
  [JOB_NAMES.webhookDeliver]: { policy: "standard", retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
};
