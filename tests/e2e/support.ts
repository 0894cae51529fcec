import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:3000";
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "e2e-demo-password";

export const DEMO = {
  editor: "editor@example.com",
  editor2: "editor2@example.com",
  reviewer: "reviewer@example.com",
  admin: "admin@example.com",
} as const;

/** One Chromium per test file; each user gets a context of their own (separate cookies). */
export function useBrowser(): { browser: () => Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error("browser not started");
      return browser;
    },
  };
}

export async function newUserPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: BASE_URL, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Through the real login form. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function loginAs(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const session = await newUserPage(browser);
  await login(session.page, email, password);
  await session.page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return session;
}
