/**
 * Live updates (docs/live-updates.md) on the real database, PGlite or PostgreSQL: the audit
 * trigger's NOTIFY reaches an article's stream only when its transaction commits, with ids and
 * versions only; streams are authorized like any read, end when their user is disabled, count
 * towards presence, and are limited per user.
 */
import "../support/auth-secret";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { claims, users } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import { recordAudit } from "../../lib/audit/record-audit";
import type { Actor } from "../../lib/auth/permissions";
import { SESSION_COOKIE, encodeSessionToken } from "../../lib/auth/session-token";
import { signOutEverywhere } from "../../lib/auth/authenticate";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { getDb } from "../../lib/database";
import { AppError } from "../../lib/errors";
import { stopLiveUpdates } from "../../lib/live/article-streams";
import { listArticleViewers } from "../../lib/live/list-article-viewers";
import { openArticleStream } from "../../lib/live/open-article-stream";
import { MAX_STREAMS_PER_USER } from "../../lib/live/presence";
import { type StreamRecheck, sessionRecheck } from "../../lib/live/stream-actor";
import { createApiToken } from "../../lib/tokens/create-token";
import { revokeApiToken } from "../../lib/tokens/revoke-token";
import { updateUser } from "../../lib/users/update-user";
import { addComment } from "../../lib/workflow/add-comment";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { testDriver, useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

useTestDatabase();
afterAll(() => stopLiveUpdates());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each event's JSON is asserted field by field
type LiveEvent = { event: string; data: any };

/** Opens an article's stream as the use case hands it to the route, and reads its events. */
/** vi.waitFor gives up after 1 s by default; a loaded CI machine needs longer to close a stream. */
const SETTLE = { timeout: 10_000, interval: 50 };

async function subscribe(actor: Actor | null, articleId: string, recheck: StreamRecheck = async () => actor) {
  const abort = new AbortController();
  const stream = await openArticleStream(actor, articleId, { recheck, signal: abort.signal });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: LiveEvent[] = [];
  let ended = false;
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    ended = true;
  })();
  const sub = {
    events,
    ended: () => ended,
    /** Waits for an event matching `match` and returns it. */
    async next(match: (e: LiveEvent) => boolean): Promise<LiveEvent> {
      return vi.waitFor(
        () => {
          const found = events.find(match);
          if (!found) throw new Error(`no such event yet; got ${events.map((e) => e.event).join(", ")}`);
          return found;
        },
        { timeout: 10_000, interval: 20 },
      );
    },
    close() {
      abort.abort();
    },
  };
  await sub.next((e) => e.event === "ready");
  return sub;
}

async function getClaimVersion(claimId: string): Promise<number | undefined> {
  const [row] = await (await getDb()).select({ version: claims.version }).from(claims).where(eq(claims.id, claimId));
  return row?.version;
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error("expected a refusal"),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  return err;
}

let seq = 0;
async function claimInReview(a: Awaited<ReturnType<typeof createActors>>) {
  const title = `Live ${++seq}`;
  const article = await createArticle(a.editor, { title, body: `In ${title} the minister said exports rose by 4 percent.` });
  const created = await createClaim(a.editor, article.id, { exact: "exports rose by 4 percent" });
  const edited = await updateClaim(a.editor, created.id, { version: created.version, verdict: "false", rationale: "Checked." });
  const { claim } = await addSource(a.editor, created.id, {
    url: "https://example.org/t",
    title: "Table",
    claimVersion: edited.version,
  });
  return { article, claim: await submitClaim(a.editor, claim.id, { version: claim.version }) };
}

/**
 * A comment on the claim: an event known to come after everything before it (a fence). Returns
 * the events from index `from` up to the fence.
 */
async function fence(
  actor: Actor,
  claimId: string,
  sub: Awaited<ReturnType<typeof subscribe>>,
  from = sub.events.length,
): Promise<LiveEvent[]> {
  const before = Math.max(from, sub.events.findLastIndex((e) => e.data.action === "comment.add") + 1);
  await addComment(actor, claimId, { body: `fence ${++seq}` });
  const marker = await sub.next((e, i = sub.events.indexOf(e)) => i >= before && e.data.action === "comment.add");
  return sub.events.slice(from, sub.events.indexOf(marker));
}

describe("live updates", () => {
  it("an approval that commits reaches the article's stream once, with ids and versions only", async () => {
    const a = await createActors();
    const { article, claim } = await claimInReview(a);
    const editorStream = await subscribe(a.editor, article.id);
    await fence(a.editor, claim.id, editorStream); // the stream is live

    const before = editorStream.events.length;
    const { claim: approved } = await reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve" });
    const between = await fence(a.editor, claim.id, editorStream, before);
    expect(between).toEqual([
      {
        event: "claim",
        data: {
          type: "claim",
          action: "claim.approve",
          articleId: article.id,
          claimId: claim.id,
          claimVersion: approved.version,
          actorId: a.reviewer.id,
        },
      },
    ]);
    // Nothing of the claim's content travels in the stream.
    expect(JSON.stringify(editorStream.events)).not.toMatch(/exports rose|Checked|example\.org|fence/);
    editorStream.close();
  });

  it("a change whose transaction rolls back sends nothing", async () => {
    const a = await createActors();
    const { article, claim } = await claimInReview(a);
    const stream = await subscribe(a.reviewer, article.id);
    await fence(a.reviewer, claim.id, stream);
    const from = stream.events.length;
    const db = await getDb();
    const failed = await db
      .transaction(async (tx) => {
        await tx
          .update(claims)
          .set({ version: sql`${claims.version} + 1` })
          .where(sql`id = ${claim.id}`);
        await recordAudit(tx, {
          actorId: a.reviewer.id,
          action: "claim.approve",
          targetType: "claim",
          targetId: claim.id,
          before: { status: "in_review", version: claim.version },
          after: { status: "approved", version: claim.version + 1, verdict: claim.verdict },
          meta: { reviewId: claim.id, reviewedVersion: claim.version },
        });
        throw new Error("rolled back on purpose");
      })
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    expect(await fence(a.reviewer, claim.id, stream, from)).toEqual([]);
    stream.close();
  });

  // PGlite runs one transaction at a time: ids cannot commit out of order there.
  it.runIf(testDriver() === "postgres")(
    "a change that commits after a later-numbered one has been announced still arrives, once",
    async () => {
      const a = await createActors();
      const { article, claim } = await claimInReview(a);
      const other = await createClaim(a.editor, article.id, { exact: "the minister said" });
      const stream = await subscribe(a.reviewer, article.id);
      await fence(a.reviewer, claim.id, stream);
      const from = stream.events.length;
      const db = await getDb();
      // The slow transaction takes its audit id first and holds its commit...
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const auditWritten = new Promise<void>((resolve) => (written = resolve));
      const slow = db.transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: a.editor.id,
          action: "comment.add",
          targetType: "claim",
          targetId: other.id,
          after: { commentId: other.id, body: "held" },
        });
        written();
        await held;
      });
      await auditWritten;
      // ...while a later one commits and is announced (its id is higher, the reader moves past it)...
      await updateClaim(a.editor, claim.id, { version: (await getClaimVersion(claim.id))!, rationale: "Later." });
      await stream.next((e, i = stream.events.indexOf(e)) => i >= from && e.data.action === "claim.update");
      await new Promise((resolve) => setTimeout(resolve, 600)); // a few more reads pass over it
      // ...then the slow one commits: a cursor on ids alone would have skipped it.
      release();
      await slow;
      const late = await stream.next(
        (e, i = stream.events.indexOf(e)) => i >= from && e.data.action === "comment.add" && e.data.claimId === other.id,
      );
      expect(late.data).toMatchObject({ type: "claim", articleId: article.id, claimVersion: other.version });
      await fence(a.reviewer, claim.id, stream);
      expect(stream.events.slice(from).filter((e) => e.data.claimId === other.id)).toHaveLength(1);
      stream.close();
    },
  );

  it("a new revision is announced as an article event with its revision number, and each re-anchored claim", async () => {
    const a = await createActors();
    const { article, claim } = await claimInReview(a);
    const stream = await subscribe(a.reviewer, article.id);
    await createRevision(a.editor, article.id, {
      baseRevision: 1,
      body: `Corrected: in Live ${seq} the minister said exports rose by 4 percent.`,
    });
    const revised = await stream.next((e) => e.data.action === "article.revise");
    expect(revised.data).toMatchObject({ type: "article", articleId: article.id, revision: 2, actorId: a.editor.id });
    expect(Object.keys(revised.data).sort()).toEqual(["action", "actorId", "articleId", "articleVersion", "revision", "type"]);
    await stream.next((e) => e.data.action === "claim.reanchor" && e.data.claimId === claim.id);
    stream.close();
  });

  it("refuses a stream to whoever may not read the article, and for an unknown article", async () => {
    const a = await createActors();
    const { article } = await claimInReview(a);
    expect((await appError(openArticleStream(null, article.id, { recheck: async () => null }))).code).toBe("unauthorized");
    const writeOnly = await createApiToken(a.editor, { name: "no read", scopes: ["write"] });
    const { actorForBearerToken } = await import("../../lib/tokens/authenticate-token");
    const tokenActor = await actorForBearerToken(`Bearer ${writeOnly.secret}`);
    expect(tokenActor).not.toBeNull();
    expect((await appError(openArticleStream(tokenActor, article.id, { recheck: async () => tokenActor }))).code).toBe(
      "forbidden",
    );
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      expect((await appError(openArticleStream(a.editor, id, { recheck: async () => a.editor }))).code).toBe("not_found");
    }
    expect((await appError(listArticleViewers(tokenActor, article.id))).code).toBe("forbidden");
  });

  it("ends the stream of a user who is disabled, with an end event", async () => {
    const a = await createActors();
    const { article } = await claimInReview(a);
    const token = await createApiToken(a.editor2, { name: "live", scopes: ["read"] });
    const recheck = sessionRecheck(new Headers({ authorization: `Bearer ${token.secret}` }));
    const actor = await recheck();
    if (actor === "renew") throw new Error("a token is never renewed");
    const stream = await subscribe(actor, article.id, recheck);
    await updateUser(a.admin, { userId: a.editor2.id, disabled: true });
    expect((await stream.next((e) => e.event === "end")).data).toEqual({ reason: "signed-out" });
    await vi.waitFor(() => expect(stream.ended()).toBe(true), SETTLE);
  });

  it("ends the stream opened with a token as soon as the token is revoked; the owner's other streams stay", async () => {
    const a = await createActors();
    const { article, claim } = await claimInReview(a);
    const open = async (name: string) => {
      const { token, secret } = await createApiToken(a.editor2, { name, scopes: ["read"] });
      const recheck = sessionRecheck(new Headers({ authorization: `Bearer ${secret}` }));
      const actor = await recheck();
      if (actor === "renew") throw new Error("a token is never renewed");
      return { tokenId: token.id, stream: await subscribe(actor, article.id, recheck) };
    };
    const revoked = await open("revoked");
    const kept = await open("kept");
    await revokeApiToken(a.editor2, revoked.tokenId);
    // At once (the periodic re-check is 30 s away): the revocation is announced at commit.
    expect((await revoked.stream.next((e) => e.event === "end")).data).toEqual({ reason: "signed-out" });
    await fence(a.editor, claim.id, kept.stream);
    expect(kept.stream.ended()).toBe(false);
    kept.stream.close();
  });

  it("ends without an end event when only its copy of the session cookie ran out of idle time (the browser reconnects)", async () => {
    const a = await createActors();
    const { article } = await claimInReview(a);
    const [row] = await (await getDb()).select({ sv: users.sessionVersion }).from(users).where(eq(users.id, a.editor2.id));
    // The stream was opened 10 minutes ago with a cookie good for 1 more minute of idleness; the
    // browser has renewed its own copy since, as it does while its user works.
    const openedAt = Date.now() - 10 * 60_000;
    vi.useFakeTimers({ toFake: ["Date"], now: openedAt });
    let recheck: StreamRecheck;
    try {
      const authTime = Math.floor(openedAt / 1000);
      const token = encodeSessionToken(
        { uid: a.editor2.id, sv: row!.sv, authTime },
        process.env.AUTH_SECRET!,
        SESSION_COOKIE,
        60,
      );
      recheck = sessionRecheck(new Headers({ cookie: `${SESSION_COOKIE}=${token}` }));
      expect(await recheck()).toMatchObject({ id: a.editor2.id });
    } finally {
      vi.useRealTimers();
    }
    expect(await recheck()).toBe("renew");
    const stream = await subscribe(a.editor2, article.id, recheck);
    await updateUser(a.admin, { userId: a.editor2.id, name: "Editor Renamed" }); // every stream of theirs asks again
    await vi.waitFor(() => expect(stream.ended()).toBe(true), SETTLE);
    expect(stream.events.map((e) => e.event)).not.toContain("end");
    // Signed out meanwhile: the same expired copy is a sign-out, not a renewal.
    await signOutEverywhere(a.editor2.id);
    expect(await recheck()).toBeNull();
  });

  it("shows who has the article open, across their streams, and forgets a closed one", async () => {
    const a = await createActors();
    const { article } = await claimInReview(a);
    const editorStream = await subscribe(a.editor, article.id);
    const reviewerStream = await subscribe(a.reviewer, article.id);
    await editorStream.next((e) => e.event === "presence");
    expect((await listArticleViewers(a.editor, article.id)).viewers.map((v) => v.id).sort()).toEqual(
      [a.editor.id, a.reviewer.id].sort(),
    );
    const before = editorStream.events.length;
    reviewerStream.close();
    await editorStream.next((e) => e.event === "presence" && editorStream.events.indexOf(e) >= before);
    await vi.waitFor(
      async () => expect((await listArticleViewers(a.reviewer, article.id)).viewers.map((v) => v.id)).toEqual([a.editor.id]),
      SETTLE,
    );
    editorStream.close();
  });

  // PGlite listens in-process: there is no connection to lose.
  it.runIf(testDriver() === "postgres")(
    "a LISTEN connection that dies is replaced, and open streams are told to resync",
    async () => {
      const a = await createActors();
      const { article, claim } = await claimInReview(a);
      const stream = await subscribe(a.editor, article.id);
      const db = await getDb();
      const killed = (await db.execute(
        sql`select pg_terminate_backend(pid) as killed from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
      )) as unknown as { killed: boolean }[];
      expect(killed.map((row) => row.killed)).toEqual([true]);
      await stream.next((e) => e.event === "resync");
      // Listening again: the next change arrives.
      await fence(a.editor, claim.id, stream);
      stream.close();
    },
  );

  it(`refuses a user's stream past ${MAX_STREAMS_PER_USER} open ones`, async () => {
    const a = await createActors();
    const { article } = await claimInReview(a);
    const open = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) open.push(await subscribe(a.reviewer2, article.id));
    expect((await appError(openArticleStream(a.reviewer2, article.id, { recheck: async () => a.reviewer2 }))).code).toBe(
      "too_many_requests",
    );
    for (const s of open) s.close();
    await vi.waitFor(async () => expect((await listArticleViewers(a.reviewer2, article.id)).viewers).toEqual([]), SETTLE);
    (await subscribe(a.reviewer2, article.id)).close();
  });

  it(`opens at most ${MAX_STREAMS_PER_USER} streams of one user even when they are asked for at once`, async () => {
    const a = await createActors();
    const { article } = await claimInReview(a);
    const aborts = Array.from({ length: MAX_STREAMS_PER_USER + 6 }, () => new AbortController());
    const results = await Promise.allSettled(
      aborts.map((abort) =>
        openArticleStream(a.reviewer2, article.id, { recheck: async () => a.reviewer2, signal: abort.signal }),
      ),
    );
    for (const abort of aborts) abort.abort();
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r.reason as AppError).code);
    expect(refused).toEqual(Array(6).fill("too_many_requests"));
    await vi.waitFor(async () => expect((await listArticleViewers(a.reviewer2, article.id)).viewers).toEqual([]), SETTLE);
  });
});
