import { describe, expect, it } from "vitest";
import { parseLiveNotice, sseEvent } from "../../lib/live/live-event";

const ARTICLE = "0b0f3c2e-5d7a-4c1e-9f65-2f1f4f0c9a11";
const CLAIM = "5a1c0e8b-2b7d-4f3a-8e7c-0d9b6a4c3f21";

describe("live-update notices", () => {
  it("reads the trigger's claim, article and user payloads and presence", () => {
    const claim = { type: "claim", action: "claim.approve", articleId: ARTICLE, claimId: CLAIM, claimVersion: 7, actorId: null };
    expect(parseLiveNotice(JSON.stringify(claim))).toEqual(claim);
    const deleted = { ...claim, action: "claim.delete", claimVersion: null };
    expect(parseLiveNotice(JSON.stringify(deleted))).toEqual(deleted);
    const article = {
      type: "article",
      action: "article.revise",
      articleId: ARTICLE,
      articleVersion: 3,
      revision: 2,
      actorId: CLAIM,
    };
    expect(parseLiveNotice(JSON.stringify(article))).toEqual(article);
    expect(parseLiveNotice(JSON.stringify({ type: "user", action: "user.disable", userId: CLAIM }))).toMatchObject({
      type: "user",
    });
    expect(parseLiveNotice(JSON.stringify({ type: "presence", articleId: ARTICLE }))).toMatchObject({ type: "presence" });
  });

  it("ignores what is not a notice (a watchdog probe, malformed JSON, a wrong id), without throwing", () => {
    for (const payload of [
      JSON.stringify({ type: "probe", id: CLAIM }),
      "{not json",
      "",
      JSON.stringify({ type: "presence", articleId: "x'; drop table claims" }),
      JSON.stringify({ type: "claim", action: "claim.update", articleId: ARTICLE, claimId: CLAIM }),
    ]) {
      expect(parseLiveNotice(payload), payload).toBeNull();
    }
  });

  it("writes one server-sent event per notice: named, one line of JSON, a blank line", () => {
    const text = sseEvent("presence", { type: "presence", articleId: ARTICLE, note: "line one\nline two" });
    expect(text).toBe(`event: presence\ndata: {"type":"presence","articleId":"${ARTICLE}","note":"line one\\nline two"}\n\n`);
  });
});
