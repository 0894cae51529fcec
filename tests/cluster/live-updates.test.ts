import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, call, type Credential, DEMO, login, sleep } from "./support";

/**
 * docs/live-updates.md: a change made through instance A reaches a client whose event stream is open
 * on instance B (PostgreSQL LISTEN/NOTIFY between the instances), and B's viewer is listed on A.
 */
interface LiveEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A server-sent-events client over fetch: collects the events and waits for one that matches. */
function openStream(base: string, who: Credential, articleId: string) {
  const abort = new AbortController();
  const events: LiveEvent[] = [];
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if ("cookie" in who) headers.cookie = who.cookie;
  else headers.authorization = `Bearer ${who.token}`;
  const done = (async () => {
    const res = await fetch(`${base}/api/articles/${articleId}/live`, { headers, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`the stream answered ${res.status}: ${await res.text()}`);
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trim());
        }
        if (data.length) events.push({ event, data: JSON.parse(data.join("\n")) });
      }
    }
  })().catch((err) => {
    if (!abort.signal.aborted) throw err;
  });
  return {
    events,
    async next(match: (e: LiveEvent) => boolean, timeoutMs = 15_000): Promise<LiveEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
        await Promise.race([sleep(50), done]);
      }
    },
    close: () => abort.abort(),
  };
}

describe("live updates across instances", () => {
  let editor: Credential;
  /** The editor's read-only API token, used on B. */
  let token: Credential;
  let articleId: string;
  let stream: ReturnType<typeof openStream> | undefined;
  afterAll(() => stream?.close());

  beforeAll(async () => {
    editor = await login(A, DEMO.editor);
    const made = await call(A, editor, "/api/tokens", { method: "POST", body: { name: "live", scopes: ["read"] } });
    expect(made.status).toBe(201);
    const article = await call(A, editor, "/api/articles", {
      method: "POST",
      body: {
        title: `Ferry ${Date.now()}`,
        body: "Ferry news.\n\nThe operator said the night ferry will return in the summer.\n\nFares stay.",
      },
    });
    expect(article.status).toBe(201);
    articleId = article.json.article.id;
    token = { token: made.json.secret };
  });

  it("a claim marked and edited through A arrives as events on a stream open on B; B's viewer is listed on A", async () => {
    stream = openStream(B, token, articleId);
    await stream.next((e) => e.event === "ready");

    const viewers = await call(A, editor, `/api/articles/${articleId}/viewers`);
    expect(viewers.status).toBe(200);
    const me = (await call(A, editor, "/api/auth/session")).json.user;
    expect(viewers.json.viewers).toContainEqual({ id: me.id, name: me.name });

    const marked = await call(A, editor, `/api/articles/${articleId}/claims`, {
      method: "POST",
      body: { exact: "the night ferry will return in the summer" },
    });
    expect(marked.status).toBe(201);
    const claim = marked.json.claim;
    const created = await stream.next((e) => e.event === "claim" && e.data.claimId === claim.id);
    expect(created.data).toMatchObject({ type: "claim", action: "claim.create", articleId, claimVersion: claim.version });

    const edited = await call(A, editor, `/api/claims/${claim.id}`, {
      method: "PATCH",
      body: { version: claim.version, verdict: "unproven" },
    });
    expect(edited.status).toBe(200);
    const update = await stream.next((e) => e.event === "claim" && e.data.claimVersion === edited.json.claim.version);
    expect(update.data).toMatchObject({ claimId: claim.id, action: "claim.update" });
    // Ids and versions only: nothing of the claim's content travels through the stream.
    expect(JSON.stringify(stream.events)).not.toContain("night ferry");
  });
});
