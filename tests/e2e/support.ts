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
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
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
  waitForHydrationAfterNavigation(page);
  return { context, page };
}

/**
 * `page.goto` and `page.reload` return once the page has loaded, which can be before React has
 * hydrated it: a field filled then may be reset by hydration, a key pressed then reaches no handler
 * (this failed CI once on a slower machine). On a desk page (one with the shortcuts sheet) both
 * wait for hydration too; other pages (the login form, public reports, JSON) are left as they are.
 */
function waitForHydrationAfterNavigation(page: Page): void {
  const afterNavigation = async <R>(response: R): Promise<R> => {
    if ((await page.locator("[data-testid=shortcuts-sheet]").count()) > 0) await hydrated(page);
    return response;
  };
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => afterNavigation(await goto(...args));
  page.reload = async (...args) => afterNavigation(await reload(...args));
}

/** Through the real login form. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  // Exact: the page may also offer "Sign in with <provider>" (single sign-on).
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function loginAs(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const session = await newUserPage(browser);
  await login(session.page, email, password);
  await session.page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return session;
}

/**
 * Drags the mouse over the first occurrence of `text` inside the article's reading view, from the
 * left edge of its first character to the right edge of its last, as a person selects it; the text
 * may cross highlights (suggestions, claims), that is, several text nodes.
 */
/**
 * Waits until a desk page has hydrated: the shortcuts sheet (in every desk page's layout) marks
 * itself once its key listener is attached. Keys pressed before that reach no React handler.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("[data-testid=shortcuts-sheet][data-listening]").waitFor({ state: "attached" });
}

export async function selectWithMouse(page: Page, text: string): Promise<void> {
  const locate = (t: string) => {
    const root = document.querySelector("[data-testid=article-text]")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: { node: Text; from: number }[] = [];
    let all = "";
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      nodes.push({ node, from: all.length });
      all += node.data;
    }
    const i = all.indexOf(t);
    if (i < 0) return null;
    // The node and offset of the character at index `at` of the concatenated text.
    const at = (k: number) => {
      const n = [...nodes].reverse().find((x) => x.from <= k && k < x.from + x.node.data.length)!;
      return { node: n.node, offset: k - n.from };
    };
    const first = at(i);
    const last = at(i + t.length - 1);
    (first.node.parentElement as HTMLElement).scrollIntoView({ block: "center" });
    const r = document.createRange();
    r.setStart(first.node, first.offset);
    r.setEnd(first.node, first.offset + 1);
    const a = r.getBoundingClientRect();
    r.setStart(last.node, last.offset);
    r.setEnd(last.node, last.offset + 1);
    const b = r.getBoundingClientRect();
    return { x1: a.left + 0.5, y1: a.top + a.height / 2, x2: b.right - 0.5, y2: b.top + b.height / 2 };
  };
  // Twice: the first call scrolls the text into view, the second measures it where it now is.
  if (!(await page.evaluate(locate, text))) throw new Error(`text not found: ${text}`);
  const box = await page.evaluate(locate, text);
  if (!box) throw new Error(`text not found: ${text}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
}

/**
 * Logs in through the Credentials endpoints (/api/auth/csrf, then /api/auth/callback/credentials,
 * not following its redirect). Returns the callback's response and the cookie header that the two
 * responses leave in a cookie jar (the session cookie, when the login succeeded).
 */
export async function credentialsLogin(
  email: string,
  password = DEMO_PASSWORD,
  { base = BASE_URL, headers = {} }: { base?: string; headers?: Record<string, string> } = {},
): Promise<{ response: Response; cookie: string }> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  keep(response);
  return { response, cookie: cookieHeader() };
}

/**
 * A JSON answer as the tests read it. Deliberately untyped: a test asserts the shape it expects
 * with `expect`, so a wrong shape fails the test; declaring every answer's type here would only
 * restate lib/'s types and hide the mistakes the tests are there to catch.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the comment above
export type ResponseJson = any;

/** Logs in through the Credentials endpoints and returns a fetch that carries the session cookie. */
export async function apiSession(email: string, password = DEMO_PASSWORD) {
  const { cookie } = await credentialsLogin(email, password);
  return async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const r = await fetch(`${BASE_URL}${path}`, {
      method: init.method ?? "GET",
      headers: { cookie, ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });
    const text = await r.text();
    let json: ResponseJson;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, json, headers: r.headers };
  };
}
