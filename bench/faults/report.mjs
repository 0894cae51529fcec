// Figures of the load-and-faults run: for each phase (before, during and after each fault) the
// requests, their error rate and latency percentiles. An error is no answer at all or a 5xx; a 409
// (someone else changed the claim first) or a 422 (not ready to submit…) is the desk working as
// designed and counted apart.

export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const isError = (s) => s.status === 0 || s.status >= 500;

export function summarise(samples, from, to) {
  const inPhase = samples.filter((s) => s.t >= from && s.t < to);
  const seconds = Math.max(0.001, (to - from) / 1000);
  const errors = inPhase.filter(isError);
  const ms = inPhase.map((s) => s.ms);
  return {
    requests: inPhase.length,
    perSecond: inPhase.length / seconds,
    errors: errors.length,
    errorRate: inPhase.length ? errors.length / inPhase.length : 0,
    noAnswer: errors.filter((s) => s.status === 0).length,
    s503: errors.filter((s) => s.status === 503).length,
    other5xx: errors.filter((s) => s.status >= 500 && s.status !== 503).length,
    conflicts: inPhase.filter((s) => s.status === 409 || s.status === 422).length,
    limited: inPhase.filter((s) => s.status === 429).length,
    failedOver: inPhase.filter((s) => s.failedOver).length,
    writesOk: inPhase.filter((s) => s.write && s.status >= 200 && s.status < 300).length,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms.length ? Math.max(...ms) : NaN,
  };
}

const f = (ms) => (Number.isFinite(ms) ? `${Math.round(ms)}` : "—");
const pct = (x) => `${(x * 100).toFixed(2)} %`;

/** A Markdown table (it goes into bench/README.md as printed). */
export function phaseTable(samples, phases) {
  const rows = [
    "| phase | seconds | requests | req/s | errors (no answer / 503 / other 5xx) | error rate | failed over | 409/422 | 2xx writes | p50 ms | p99 ms | max ms |",
    "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const p of phases) {
    const s = summarise(samples, p.from, p.to);
    rows.push(
      `| ${p.name} | ${((p.to - p.from) / 1000).toFixed(0)} | ${s.requests} | ${s.perSecond.toFixed(1)} | ${s.errors} (${s.noAnswer} / ${s.s503} / ${s.other5xx}) | ${pct(s.errorRate)} | ${s.failedOver} | ${s.conflicts} | ${s.writesOk} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.max)} |`,
    );
  }
  return rows.join("\n");
}

/** Requests by operation over the whole run. */
export function operationTable(samples) {
  const ops = [...new Set(samples.map((s) => s.op))].sort();
  const rows = [
    "| operation | requests | 2xx | 409/422 | errors | p50 ms | p99 ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const op of ops) {
    const xs = samples.filter((s) => s.op === op);
    const ms = xs.map((s) => s.ms);
    rows.push(
      `| ${op} | ${xs.length} | ${xs.filter((s) => s.status >= 200 && s.status < 300).length} | ${xs.filter((s) => s.status === 409 || s.status === 422).length} | ${xs.filter(isError).length} | ${f(percentile(ms, 50))} | ${f(percentile(ms, 99))} |`,
    );
  }
  return rows.join("\n");
}
