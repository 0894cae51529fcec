import { describe, expect, it } from "vitest";
import { DEMO, loginAs, useBrowser } from "./support";

const { browser } = useBrowser();

describe("webhook endpoints page", () => {
  it("refuses a private address with a field error, then shows a new endpoint's signing secret once", async () => {
    const { context, page } = await loginAs(browser(), DEMO.admin);
    await page.goto("/admin/webhooks");
    const form = page.getByRole("form", { name: "New webhook endpoint" });
    const name = `CMS sync ${Date.now()}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("URL").fill("http://10.0.0.7/hooks");
    await form.getByRole("checkbox", { name: /claim\.approved/ }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await form.getByText("Webhooks go to public addresses only").waitFor();
    expect(await page.getByTestId("new-webhook-secret").count()).toBe(0);
    expect(await page.locator(`tr[data-webhook-name="${name}"]`).count()).toBe(0);

    await form.getByLabel("URL").fill("https://cms.example/hooks/fact-check");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret.length).toBeGreaterThan(20);
    await expect.poll(() => page.locator(`tr[data-webhook-name="${name}"]`).count()).toBe(1);
    // The form is ready for the next one; the secret stays until the page is left, and never comes back.
    expect(await form.getByLabel("Name").inputValue()).toBe("");
    await page.reload();
    expect(await page.getByTestId("new-webhook-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await context.close();
  });
});
