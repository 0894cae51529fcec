import { describe, expect, it } from "vitest";
import { BASE_URL, DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

describe("API tokens over HTTP", () => {
  it("a token made on the tokens page reads the API, cannot write beyond its scope, and stops working when revoked", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    await page.goto("/tokens");
    const name = `CMS reader ${Date.now()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
    expect(secret).toMatch(/^fcd_/);
    await expect.poll(() => page.locator(`tr[data-token-name="${name}"]`).count()).toBe(1);

    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${BASE_URL}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...init.headers },
      });
    expect((await call("/api/articles")).status).toBe(200);
    const write = await call("/api/articles", { method: "POST", body: JSON.stringify({ title: "Nope", body: "Text." }) });
    expect(write.status).toBe(403);
    // A token never rides along with someone else's cookie: a bad token is a 401 even with a session.
    const bad = await fetch(`${BASE_URL}/api/articles`, { headers: { authorization: "Bearer fcd_not-a-real-token" } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect((await bad.json()).error.code).toBe("unauthorized");

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect.poll(async () => (await call("/api/articles")).status, { timeout: 10_000 }).toBe(401);
    await context.close();
  });
});
