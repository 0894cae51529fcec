// A simulated desk user for the load-and-faults run (bench/faults.mjs): talks to the JSON API of
// two app instances with an API token, as a client behind a load balancer would see them. It
// prefers one instance; when that one gives no answer at all (refused, reset, timed out), it marks
// it down for a while and sends the same request to the other one (a POST keeps its
// Idempotency-Key, so a write that did commit before the answer was lost is replayed, not
// repeated). Every request it makes is one sample: when it started, how long it took, its final
// status (0: no answer from either instance), and whether it failed over.
import crypto from "node:crypto";

const REQUEST_TIMEOUT_MS = 15_000;
/** How long a client leaves an instance alone after it gave no answer. */
const DOWN_MS = 5_000;

async function once(base, method, path, { token, body, headers }) {
  const at = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* an export, not JSON */
    }
    return { at, ms: performance.now() - at, status: res.status, json, size: text.length };
  } catch (err) {
    return { at, ms: performance.now() - at, status: 0, json: null, error: String(err?.cause?.code ?? err?.name ?? err) };
  }
}

export class SimClient {
  /**
   * @param {object} o
   * @param {string} o.name e.g. "editor 3"
   * @param {string} o.token the user's API token
   * @param {{name: string, base: string}[]} o.instances
   * @param {number} o.prefer index of the instance tried first
   * @param {string} o.address the client's address, sent as X-Forwarded-For (the instances trust 127.0.0.1 as their proxy)
   * @param {object[]} o.samples where every request's sample goes
   * @param {number} o.t0 performance.now() at the start of the workload
   */
  constructor({ name, token, instances, prefer, address, samples, t0 }) {
    Object.assign(this, { name, token, instances, prefer, address, samples, t0 });
    this.downUntil = instances.map(() => 0);
  }

  pick() {
    const now = performance.now();
    const order = [this.prefer, ...this.instances.map((_, i) => i).filter((i) => i !== this.prefer)];
    return order.find((i) => this.downUntil[i] <= now) ?? order[0];
  }

  /** One API request (a POST gets an Idempotency-Key); resolves with {status, json, ms, instance}. */
  async send(op, method, path, body) {
    const headers = { "x-forwarded-for": this.address };
    if (method === "POST") headers["idempotency-key"] = crypto.randomUUID();
    const started = performance.now();
    let i = this.pick();
    let r = await once(this.instances[i].base, method, path, { token: this.token, body, headers });
    let failedOver = false;
    if (r.status === 0) {
      this.downUntil[i] = performance.now() + DOWN_MS;
      const other = this.pick();
      if (other !== i) {
        failedOver = true;
        i = other;
        r = await once(this.instances[i].base, method, path, { token: this.token, body, headers });
        if (r.status === 0) this.downUntil[i] = performance.now() + DOWN_MS;
      }
    }
    const sample = {
      t: started - this.t0,
      ms: performance.now() - started,
      status: r.status,
      op,
      write: method !== "GET",
      instance: this.instances[i].name,
      failedOver,
      error: r.error ?? (r.status >= 400 ? `${r.json?.error?.code}: ${r.json?.error?.message}`.slice(0, 160) : undefined),
    };
    this.samples.push(sample);
    return { ...r, instance: this.instances[i].name, sample };
  }
}
