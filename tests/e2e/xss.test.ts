import { describe, expect, it } from "vitest";
import { apiSession, BASE_URL, DEMO, loginAs, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();

/** Each payload would set window.__xss (or open a dialog) if it ever ran. */
const PAYLOADS: [string, string, string, string, string, string, string, string] = [
  `<script>window.__xss=1</script>`,
  `"><img src=x onerror="window.__xss=2">`,
  `</script><script>window.__xss=3</script>`,
  `<svg onload="window.__xss=4">`,
  `[x](javascript:window.__xss=5)`,
  `' onmouseover='window.__xss=6' x='`,
  `<iframe srcdoc="<script>parent.__xss=7</script>">`,
  `\u2028</script><b>x`,
];
const ALL = PAYLOADS.join(" ");

describe("stored XSS payloads in every field run nowhere", () => {
  it("article, claim, source, comment and user name, on every page and the public report", async () => {
    const editor = await apiSession(DEMO.editor);
    const reviewer = await apiSession(DEMO.reviewer);
    const admin = await apiSession(DEMO.admin);
    const evilName = `Eve ${PAYLOADS[1]}`;
    const user = await admin("/api/users", {
      method: "POST",
      body: {
        email: `eve-${Date.now()}@example.com`,
        name: evilName.slice(0, 200),
        role: "reviewer",
        password: "eve's password 1",
      },
    });
    expect(user.status).toBe(201);

    const body = `The claim: unemployment rose by 4.5% in 2023. ${ALL}\n\nSecond paragraph ${PAYLOADS[0]} with 12% growth.`;
    const article = (
      await editor("/api/articles", {
        method: "POST",
        body: { title: `XSS ${PAYLOADS[1]}`.slice(0, 500), body, publisher: PAYLOADS[3], author: PAYLOADS[5] },
      })
    ).json.article;
    expect(article).toBeDefined();
    let claim = (
      await editor(`/api/articles/${article.id}/claims`, {
        method: "POST",
        body: { exact: "unemployment rose by 4.5% in 2023", claimant: PAYLOADS[1].slice(0, 200) },
      })
    ).json.claim;
    claim = (
      await editor(`/api/claims/${claim.id}`, {
        method: "PATCH",
        body: {
          version: claim.version,
          statement: `Rose ${PAYLOADS[0]}`,
          rationale: ALL,
          claimPlace: PAYLOADS[3],
          verdict: "false",
        },
      })
    ).json.claim;
    expect(claim.verdict).toBe("false");
    claim = (
      await editor(`/api/claims/${claim.id}/sources`, {
        method: "POST",
        body: {
          url: "https://example.com/?q=%3Cscript%3E",
          title: PAYLOADS[2],
          publisher: PAYLOADS[6],
          quote: ALL.slice(0, 5000),
          claimVersion: claim.version,
        },
      })
    ).json.claim;
    const refused = await editor(`/api/claims/${claim.id}/sources`, {
      method: "POST",
      body: { url: "javascript:window.__xss=9", title: "x", claimVersion: claim.version },
    });
    expect(refused.status).toBe(422);
    await reviewer(`/api/claims/${claim.id}/comments`, { method: "POST", body: { body: ALL } });
    claim = (await editor(`/api/claims/${claim.id}/submit`, { method: "POST", body: { version: claim.version } })).json.claim;
    claim = (
      await reviewer(`/api/claims/${claim.id}/review`, { method: "POST", body: { version: claim.version, decision: "approve" } })
    ).json.claim;
    expect(claim.status).toBe("approved");
    expect((await editor(`/api/articles/${article.id}/publish`, { method: "POST", body: { version: 0 } })).status).toBe(201);

    const check = async (page: import("playwright-core").Page, path: string) => {
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(400);
      await page.waitForTimeout(300);
      // Hover over everything once, for the attribute-breaking payloads.
      await page.mouse.move(200, 300);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
      expect(dialogs, path).toEqual([]);
      // The payload text is shown as text…
      expect(await page.locator("body").innerText(), path).toContain("window.__xss");
      // …and no element came from it.
      expect(await page.locator('img[src="x"], svg[onload], iframe[srcdoc]').count(), path).toBe(0);
    };

    const desk = await loginAs(browser(), DEMO.admin);
    for (const path of [
      "/articles",
      `/articles/${article.id}`,
      `/articles/${article.id}?claim=${claim.id}`,
      `/review/${claim.id}`,
      "/admin",
    ]) {
      await check(desk.page, path);
    }
    const rev = await loginAs(browser(), DEMO.reviewer);
    await check(rev.page, `/review/${claim.id}`);
    const visitor = await newUserPage(browser());
    await check(visitor.page, `/reports/${article.slug}`);

    // Exported HTML opened in a browser: inert too.
    const html = await (
      await fetch(`${BASE_URL}/api/articles/${article.id}/report.html?variant=internal`, {
        headers: { cookie: (await desk.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
      })
    ).text();
    const file = await newUserPage(browser());
    await file.page.setContent(html);
    await file.page.waitForTimeout(300);
    expect(await file.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    for (const c of [desk.context, rev.context, visitor.context, file.context]) await c.close();
  });
});
