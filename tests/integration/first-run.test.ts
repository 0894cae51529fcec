import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { FirstRunHint } from "../../app/components/first-run-hint";
import { createArticle } from "../../lib/articles/create-article";
import { isDeskEmpty } from "../../lib/articles/is-desk-empty";
import { can } from "../../lib/auth/permissions";
import { AppError } from "../../lib/errors";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

// The browser tests run on the demo desk, which always has the sample article: the empty desk is
// tested here, on a fresh database, with the hint the pages render when isDeskEmpty says so.
useTestDatabase();
let a: Awaited<ReturnType<typeof createActors>>;

beforeAll(async () => {
  a = await createActors("firstrun");
});

const hint = (actor: (typeof a)["editor"]) =>
  renderToStaticMarkup(createElement(FirstRunHint, { canAddArticles: can(actor, "article:write") }));

describe("the first-run hint on an empty desk", () => {
  it("is due while the desk has no article, for every role, and no longer once one is added", async () => {
    for (const actor of [a.editor, a.reviewer, a.admin]) expect(await isDeskEmpty(actor)).toBe(true);
    await expect(isDeskEmpty(null)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "unauthorized");

    await createArticle(a.editor, { title: "The first one", body: "Rents rose 9% last year." });
    for (const actor of [a.editor, a.reviewer, a.admin]) expect(await isDeskEmpty(actor)).toBe(false);
  });

  it("tells an editor how to add the first article, and a reviewer who will", () => {
    const editor = hint(a.editor);
    expect(editor).toContain("Your desk has no articles yet");
    expect(editor).toMatch(/<a[^>]*href="\/articles\/new"[^>]*>Add the first article<\/a>/);
    expect(editor).toContain("paste its text");
    expect(editor).toContain("<kbd>M</kbd>");

    const reviewer = hint(a.reviewer);
    expect(reviewer).toContain("Your desk has no articles yet");
    expect(reviewer).not.toContain("/articles/new");
    expect(reviewer).toContain("Editors add articles");
  });
});
