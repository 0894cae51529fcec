import { describe, expect, it } from "vitest";
import { A, B, call, DEMO, login, sleep } from "./support";

/**
 * docs/api.md, "Rate limits": counters live in the database, so a token's limit holds over both
 * instances together. tests/cluster/run.mjs sets RATE_LIMIT_PER_TOKEN small (and the other limits
 * out of reach); the window is a clock minute.
 */
const PER_TOKEN = Number(process.env.RATE_LIMIT_PER_TOKEN);
const REQUESTS = PER_TOKEN * 2;

describe("API rate limits are shared by the instances", () => {
  it(`${REQUESTS} parallel requests with one token, split over A and B: exactly ${PER_TOKEN} pass, the rest get 429`, async () => {
    expect(PER_TOKEN).toBeGreaterThan(0);
    const editor = await login(A, DEMO.editor);
    const made = await call(B, editor, "/api/tokens", { method: "POST", body: { name: "limits", scopes: ["read"] } });
    expect(made.status).toBe(201);
    const token = { token: made.json.secret as string };

    // All in one window: not in the last seconds of a minute.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await sleep(left + 500);

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => call(i % 2 ? B : A, token, "/api/articles?limit=1")),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(PER_TOKEN);
    expect(statuses.filter((s) => s === 429)).toHaveLength(REQUESTS - PER_TOKEN);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(a.json.error).toMatchObject({ code: "too_many_requests", limit: "token" });
    }
    // Refused on both instances, and the user's other credentials are not held back by this token.
    expect((await call(A, token, "/api/articles?limit=1")).status).toBe(429);
    expect((await call(B, token, "/api/articles?limit=1")).status).toBe(429);
    expect((await call(B, editor, "/api/articles?limit=1")).status).toBe(200);
  });
});
