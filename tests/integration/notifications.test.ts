import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createRevision } from "../../lib/articles/create-revision";
import type { Actor } from "../../lib/auth/permissions";
import { CLI_ACTOR } from "../../lib/auth/system-actor";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { getDb } from "../../lib/database";
import { AppError } from "../../lib/errors";
import { countUnreadNotifications, UNREAD_COUNT_CAP } from "../../lib/notifications/count-unread-notifications";
import { listNotifications } from "../../lib/notifications/list-notifications";
import { markAllNotificationsRead } from "../../lib/notifications/mark-all-notifications-read";
import { markNotificationRead } from "../../lib/notifications/mark-notification-read";
import { notify } from "../../lib/notifications/notify";
import { createUser } from "../../lib/users/create-user";
import { assignClaim } from "../../lib/workflow/assign-claim";
import { addComment } from "../../lib/workflow/add-comment";
import { editComment } from "../../lib/workflow/edit-comment";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors, TEST_PASSWORD } from "../support/fixtures";

const db = useTestDatabase();
const h = () => db.handle().db;

type Actors = Awaited<ReturnType<typeof createActors>>;

async function appError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error(`expected AppError ${code}, got success`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err;
  expect(err.code, err.message).toBe(code);
  return err;
}

let seq = 0;
async function newArticle(actor: Actor, count = 3) {
  const title = `Notified ${++seq}`;
  const sentences = Array.from(
    { length: count },
    (_, i) => `Sentence ${i + 1} of ${title} says prices rose by ${i + 2} percent.`,
  );
  const body = sentences.join("\n\n");
  const article = await createArticle(actor, { title, body });
  return { article, sentences, body };
}

async function readyClaim(editor: Actor, articleId: string, exact: string) {
  const created = await createClaim(editor, articleId, { exact });
  const edited = await updateClaim(editor, created.id, { version: created.version, verdict: "false", rationale: "Checked." });
  const { claim } = await addSource(editor, created.id, {
    url: "https://example.org/source",
    title: "Source",
    claimVersion: edited.version,
  });
  return claim;
}

async function inReview(editor: Actor, articleId: string, exact: string) {
  const claim = await readyClaim(editor, articleId, exact);
  return submitClaim(editor, claim.id, { version: claim.version });
}

/** Every notification row of a claim, as (recipient, kind). */
async function told(claimId: string) {
  const rows = await h()
    .select({ recipientId: notifications.recipientId, kind: notifications.kind, actorId: notifications.actorId })
    .from(notifications)
    .where(sql`claim_id = ${claimId}`)
    .orderBy(notifications.id);
  return rows;
}

async function person(name: string, email: string, role: "editor" | "reviewer" = "editor"): Promise<Actor> {
  const u = await createUser(CLI_ACTOR, { email, name, role, password: TEST_PASSWORD });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

describe("what notifies whom", () => {
  let a: Actors;
  beforeAll(async () => {
    a = await createActors();
  });

  it("a request for changes tells the claim's editor, with the reason; the reviewer is told nothing", async () => {
    const { article, sentences } = await newArticle(a.editor);
    const claim = await inReview(a.editor, article.id, sentences[0]!);
    const before = await countUnreadNotifications(a.editor);
    await reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "request_changes", reason: "Name the source." });
    expect(await told(claim.id)).toEqual([{ recipientId: a.editor.id, kind: "changes_requested", actorId: a.reviewer.id }]);
    expect(await countUnreadNotifications(a.editor)).toBe(before + 1);
    const [latest] = (await listNotifications(a.editor, { limit: 1 })).items;
    expect(latest).toMatchObject({
      kind: "changes_requested",
      actor: { id: a.reviewer.id, name: a.reviewer.name },
      claim: { id: claim.id },
      article: { id: article.id },
      detail: "Name the source.",
      summary: `${a.reviewer.name} sent back your claim`,
      href: `/articles/${article.id}?claim=${claim.id}`,
      read: false,
    });
    expect((await listNotifications(a.reviewer)).items.filter((n) => n.claim.id === claim.id)).toEqual([]);
  });

  it("an approval tells the claim's editor", async () => {
    const { article, sentences } = await newArticle(a.editor);
    const claim = await inReview(a.editor, article.id, sentences[1]!);
    await reviewClaim(a.reviewer, claim.id, { version: claim.version, decision: "approve" });
    expect(await told(claim.id)).toEqual([{ recipientId: a.editor.id, kind: "approved", actorId: a.reviewer.id }]);
  });

  it("a refused or stale decision notifies nobody (the rows share the decision's transaction)", async () => {
    const { article, sentences } = await newArticle(a.editor);
    const claim = await inReview(a.editor, article.id, sentences[2]!);
    await appError(reviewClaim(a.reviewer, claim.id, { version: claim.version + 5, decision: "approve" }), "conflict");
    await appError(reviewClaim(a.editor, claim.id, { version: claim.version, decision: "approve" }), "forbidden");
    expect(await told(claim.id)).toEqual([]);
    // And a transaction that fails after notify() leaves no row either.
    const dbh = await getDb();
    await expect(
      dbh.transaction(async (tx) => {
        await notify(tx, a.reviewer.id, [{ recipientId: a.editor.id, kind: "approved", claimId: claim.id }]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await told(claim.id)).toEqual([]);
  });

  it("assigning a reviewer tells that reviewer; assigning oneself tells nobody", async () => {
    const { article, sentences } = await newArticle(a.editor);
    const claim = await inReview(a.editor, article.id, sentences[0]!);
    await assignClaim(a.reviewer, claim.id, { reviewerId: a.reviewer2.id });
    expect(await told(claim.id)).toEqual([{ recipientId: a.reviewer2.id, kind: "assigned", actorId: a.reviewer.id }]);
    await assignClaim(a.reviewer, claim.id, { reviewerId: a.reviewer.id });
    expect((await told(claim.id)).length).toBe(1);
    // A reviewer's notification leads to the review page.
    const [n] = (await listNotifications(a.reviewer2, { limit: 1 })).items;
    expect(n).toMatchObject({
      kind: "assigned",
      href: `/review/${claim.id}`,
      summary: `${a.reviewer.name} asked you to review a claim`,
    });
  });

  it("a comment tells the claim's editor and its assigned reviewer, never its author", async () => {
    const { article, sentences } = await newArticle(a.editor);
    const claim = await inReview(a.editor, article.id, sentences[1]!);
    await addComment(a.editor, claim.id, { body: "My own note." });
    expect(await told(claim.id)).toEqual([]);
    await assignClaim(a.reviewer, claim.id, { reviewerId: a.reviewer2.id });
    await addComment(a.editor, claim.id, { body: "Ready when you are." });
    await addComment(a.reviewer2, claim.id, { body: "Which table?" });
    await addComment(a.admin, claim.id, { body: "Both of you: see the style guide." });
    expect(
      (await told(claim.id)).map(
        (r) =>
          `${r.kind}:${r.recipientId === a.editor.id ? "editor" : r.recipientId === a.reviewer2.id ? "reviewer2" : r.recipientId}`,
      ),
    ).toEqual(["assigned:reviewer2", "commented:reviewer2", "commented:editor", "commented:editor", "commented:reviewer2"]);
    const [n] = (await listNotifications(a.editor, { limit: 1 })).items;
    expect(n).toMatchObject({ kind: "commented", detail: "Both of you: see the style guide.", actor: { id: a.admin.id } });
    expect(n!.commentId).toEqual(expect.any(String));
  });

  it("a correction that changes the text under a claim tells its editor and the reviewer it waits for, not the corrector", async () => {
    const { article, sentences, body } = await newArticle(a.editor);
    const draft = await createClaim(a.editor, article.id, { exact: sentences[0]! });
    const waiting = await inReview(a.editor, article.id, sentences[1]!);
    const untouched = await createClaim(a.editor, article.id, { exact: sentences[2]! });
    await assignClaim(a.reviewer, waiting.id, { reviewerId: a.reviewer2.id });
    // Another editor corrects the figures of the first two sentences.
    await createRevision(a.editor2, article.id, {
      body: body.replace("by 2 percent", "by 2.5 percent").replace("by 3 percent", "by 3.5 percent"),
    });
    expect(await told(draft.id)).toEqual([{ recipientId: a.editor.id, kind: "text_changed", actorId: a.editor2.id }]);
    expect((await told(waiting.id)).filter((r) => r.kind === "text_changed")).toEqual([
      { recipientId: a.editor.id, kind: "text_changed", actorId: a.editor2.id },
      { recipientId: a.reviewer2.id, kind: "text_changed", actorId: a.editor2.id },
    ]);
    expect(await told(untouched.id)).toEqual([]);
    const [n] = (await listNotifications(a.editor, { limit: 5 })).items.filter((x) => x.claim.id === draft.id);
    expect(n!.detail).toMatch(/^The text under this claim changed in revision 2\.$/);

    // The claim's own editor correcting it is not told about their own correction.
    const again = (await createRevision(a.editor, article.id, { body: body.replace("by 2 percent", "by 2.75 percent") })).claims;
    expect(again.find((c) => c.id === draft.id)?.anchorState).toBe("changed");
    expect((await told(draft.id)).length).toBe(1);
  });
});

describe("@mentions", () => {
  let a: Actors;
  let zelda: Actor;
  let benOne: Actor;
  let claimId: string;
  beforeAll(async () => {
    a = await createActors();
    zelda = await person("Zelda Quillfeather", `zq-${Date.now()}@example.com`);
    benOne = await person("Bartholomew One", `bart1-${Date.now()}@example.com`, "reviewer");
    await person("Bartholomew Two", `bart2-${Date.now()}@example.com`);
    const { article, sentences } = await newArticle(a.editor);
    claimId = (await createClaim(a.editor, article.id, { exact: sentences[0]! })).id;
  });

  const mentionedIn = async (commentId: string) =>
    (await h()
      .select({ recipientId: notifications.recipientId, kind: notifications.kind })
      .from(notifications)
      .where(sql`comment_id = ${commentId}`)
      .orderBy(notifications.id)) as { recipientId: string; kind: string }[];

  it("by first name, e-mail local part or whole name, case-insensitively; ambiguous and unknown names tell nobody", async () => {
    const c1 = await addComment(a.reviewer, claimId, { body: "@zelda, can you check this? Cc @BARTHOLOMEW and @nobody-here." });
    expect(await mentionedIn(c1.id)).toEqual([
      { recipientId: zelda.id, kind: "mentioned" },
      { recipientId: a.editor.id, kind: "commented" },
    ]);
    const local = benOne.email.split("@")[0]!;
    const c2 = await addComment(a.reviewer, claimId, { body: `Asking @${local.toUpperCase()}. And @Zelda.Quillfeather.` });
    expect(
      (await mentionedIn(c2.id))
        .filter((r) => r.kind === "mentioned")
        .map((r) => r.recipientId)
        .sort(),
    ).toEqual([benOne.id, zelda.id].sort());
  });

  it("an e-mail address is not a mention; mentioning oneself tells nobody; the mentioned editor is told once", async () => {
    const c = await addComment(a.reviewer, claimId, {
      body: `Write to ${zelda.email}. @${a.reviewer.email.split("@")[0]} noted. @${a.editor.email.split("@")[0]} please fix.`,
    });
    expect(await mentionedIn(c.id)).toEqual([{ recipientId: a.editor.id, kind: "mentioned" }]);
  });

  it("a disabled user is not mentioned", async () => {
    const gone = await person("Quentin Gone", `qgone-${Date.now()}@example.com`);
    await h().execute(sql`update users set disabled = true where id = ${gone.id}`);
    const c = await addComment(a.editor2, claimId, { body: "@Quentin see this" });
    expect(await mentionedIn(c.id)).toEqual([{ recipientId: a.editor.id, kind: "commented" }]);
  });

  it("rewording a comment tells only the people it newly mentions", async () => {
    const c = await addComment(a.editor, claimId, { body: "@Zelda first pass." });
    expect(await mentionedIn(c.id)).toEqual([{ recipientId: zelda.id, kind: "mentioned" }]);
    const edited = await editComment(a.editor, claimId, c.id, {
      body: "@Zelda first pass, and @Zelda again.",
      version: c.version,
    });
    expect((await mentionedIn(c.id)).length).toBe(1);
    await editComment(a.editor, claimId, c.id, { body: `@Zelda and @${benOne.email.split("@")[0]}.`, version: edited.version });
    expect(await mentionedIn(c.id)).toEqual([
      { recipientId: zelda.id, kind: "mentioned" },
      { recipientId: benOne.id, kind: "mentioned" },
    ]);
  });
});

describe("reading notifications", () => {
  let a: Actors;
  let claimId: string;
  beforeAll(async () => {
    a = await createActors();
    const { article, sentences } = await newArticle(a.editor);
    claimId = (await createClaim(a.editor, article.id, { exact: sentences[0]! })).id;
    for (let i = 1; i <= 5; i++) await addComment(a.reviewer, claimId, { body: `Comment ${i}` });
  });

  it("lists newest first in keyset pages that neither skip nor repeat", async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listNotifications(a.editor, { limit: 2, ...(before ? { before } : {}) });
      seen.push(...result.items.map((n) => n.detail ?? ""));
      if (!result.next) break;
      before = result.next;
    }
    expect(seen).toEqual(["Comment 5", "Comment 4", "Comment 3", "Comment 2", "Comment 1"]);
    await appError(listNotifications(a.editor, { before: "x" }), "validation_failed");
    await appError(listNotifications(a.editor, { limit: 1000 }), "validation_failed");
  });

  it("counts unread, marks one read (only one's own: another user's is a 404), then all", async () => {
    expect(await countUnreadNotifications(a.editor)).toBe(5);
    const [newest] = (await listNotifications(a.editor, { limit: 1 })).items;
    // Another user cannot mark it read, and learns nothing: 404 as for one that does not exist.
    await appError(markNotificationRead(a.editor2, newest!.id), "not_found");
    await appError(markNotificationRead(a.reviewer, newest!.id), "not_found");
    await appError(markNotificationRead(a.editor, 999_999_999), "not_found");
    await appError(markNotificationRead(a.editor, "not-a-number"), "validation_failed");
    expect(await countUnreadNotifications(a.editor)).toBe(5);

    const opened = await markNotificationRead(a.editor, newest!.id);
    expect(opened.href).toMatch(new RegExp(`\\?claim=${claimId}$`));
    expect(await countUnreadNotifications(a.editor)).toBe(4);
    await markNotificationRead(a.editor, newest!.id); // again: still read, still 4
    expect(await countUnreadNotifications(a.editor)).toBe(4);
    expect((await listNotifications(a.editor, { limit: 1 })).items[0]!.read).toBe(true);
    expect((await listNotifications(a.editor, { unread: "1" })).items.map((n) => n.detail)).toEqual([
      "Comment 4",
      "Comment 3",
      "Comment 2",
      "Comment 1",
    ]);

    // Mark-all marks only the reader's own.
    await addComment(a.editor, claimId, { body: "@" + a.editor2.email.split("@")[0] });
    expect(await countUnreadNotifications(a.editor2)).toBe(1);
    // "Mark all" marks what the reader was shown: a notification that came since stays unread.
    const shown = (await listNotifications(a.editor, { limit: 1 })).items[0]!.id;
    await addComment(a.reviewer, claimId, { body: "Arrived after the page was drawn" });
    await appError(markAllNotificationsRead(a.editor, {}), "validation_failed");
    expect(await markAllNotificationsRead(a.editor, { upTo: shown })).toEqual({ marked: 4 });
    expect(await countUnreadNotifications(a.editor)).toBe(1);
    expect((await listNotifications(a.editor, { unread: "1" })).items.map((n) => n.detail)).toEqual([
      "Arrived after the page was drawn",
    ]);
    expect(await countUnreadNotifications(a.editor2)).toBe(1);
  });

  it("the unread count stops at the cap; nobody signed in gets 401", async () => {
    const dbh = await getDb();
    // notify() keeps one row per person, kind and claim: 105 alike entries are one notification.
    await dbh.transaction((tx) =>
      notify(
        tx,
        null,
        Array.from({ length: UNREAD_COUNT_CAP + 5 }, () => ({
          recipientId: a.reviewer2.id,
          kind: "commented" as const,
          claimId,
        })),
      ),
    );
    expect(await countUnreadNotifications(a.reviewer2)).toBe(1);
    await h().execute(
      sql`insert into notifications (recipient_id, kind, claim_id) select ${a.reviewer2.id}, 'commented', ${claimId} from generate_series(1, ${UNREAD_COUNT_CAP + 5})`,
    );
    expect(await countUnreadNotifications(a.reviewer2)).toBe(UNREAD_COUNT_CAP);
    await appError(countUnreadNotifications(null), "unauthorized");
    await appError(listNotifications(null), "unauthorized");
    await appError(markAllNotificationsRead(null, { upTo: 1 }), "unauthorized");
  });

  it("the unread count can be answered from the partial index of unread rows alone", async () => {
    // A tiny table is cheaper to read whole: forbid that, in one transaction, to see the index is usable.
    const text = await h().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = (await tx.execute(
        sql`explain select 1 from notifications where recipient_id = ${a.editor.id} and read_at is null limit 100`,
      )) as unknown as { "QUERY PLAN": string }[] | { rows: { "QUERY PLAN": string }[] };
      return (Array.isArray(plan) ? plan : plan.rows).map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(text).toContain("notifications_unread_idx");
  });
});
