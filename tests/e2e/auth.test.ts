import { describe, expect, it } from "vitest";
import { BASE_URL, credentialsLogin, DEMO, login, loginAs, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();

describe("login and the app shell", () => {
  it("editor logs in and sees the shell for their role", async () => {
    const { context, page } = await loginAs(browser(), DEMO.editor);
    // Signing in lands on the desk's home, My work.
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { name: "My work", level: 1 }).waitFor();
    const header = page.locator("header");
    await expect(header.getByRole("link", { name: "My work" }).isVisible()).resolves.toBe(true);
    await expect(header.getByRole("link", { name: /^Notifications, \d+ unread$/ }).isVisible()).resolves.toBe(true);
    await expect(header.getByRole("link", { name: "Fact-check Desk" }).isVisible()).resolves.toBe(true);
    await expect(header.getByRole("link", { name: "Articles" }).isVisible()).resolves.toBe(true);
    expect(await header.getByRole("link", { name: "Review queue" }).count()).toBe(0);
    expect(await header.getByRole("link", { name: "Admin" }).count()).toBe(0);
    expect(await page.getByTestId("signed-in-user").innerText()).toContain("Ana Editor");
    await expect(header.getByRole("button", { name: "Sign out" }).isVisible()).resolves.toBe(true);
    // Admin pages answer 403 to an editor, whatever the header shows.
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(403);
    // Sign out ends the session.
    await page.goto("/articles");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login**");
    await page.goto("/articles");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("a wrong password shows an error and no session", async () => {
    const { context, page } = await newUserPage(browser());
    await login(page, DEMO.editor, "not the password");
    // (Next.js has an empty role=alert route announcer of its own; look for ours by its text.)
    await page.getByRole("alert").filter({ hasText: "do not match an active account" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    const session = await page.request.get("/api/auth/session").then((r) => r.json());
    expect(session?.user).toBeUndefined();
    await context.close();
  });

  it("admin creates a reviewer who logs in; disabling them refuses their open session at once", async () => {
    const admin = await loginAs(browser(), DEMO.admin);
    await admin.page.goto("/admin");
    const email = `rev-${Date.now()}@example.com`;
    const form = admin.page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Name").fill("Nina Reviewer");
    await form.getByLabel("Role").selectOption("reviewer");
    await form.getByLabel("Initial password").fill("nina's first password");
    await form.getByRole("button", { name: "Create user" }).click();
    await admin.page.locator(`tr[data-email="${email}"]`).waitFor();

    const reviewer = await loginAs(browser(), email, "nina's first password");
    await reviewer.page.goto("/articles");
    expect(await reviewer.page.getByTestId("signed-in-user").innerText()).toContain("Nina Reviewer");
    expect(await reviewer.page.locator("header").getByRole("link", { name: "Review queue" }).count()).toBe(1);

    await admin.page.getByRole("button", { name: `Disable ${email}` }).click();
    await admin.page.getByRole("button", { name: "Yes, disable Nina Reviewer" }).click();
    await admin.page.locator(`tr[data-email="${email}"] td`, { hasText: "Disabled" }).waitFor();

    await reviewer.page.goto("/articles");
    expect(new URL(reviewer.page.url()).pathname).toBe("/login");
    // Told why, not silently bounced; and told again when trying to sign in.
    await reviewer.page.getByRole("status").filter({ hasText: "This account has been disabled" }).waitFor();
    const api = await reviewer.page.request.get("/api/articles");
    expect(api.status()).toBe(401);
    await reviewer.page.getByLabel("E-mail").fill(email);
    await reviewer.page.getByLabel("Password").fill("nina's first password");
    await reviewer.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await reviewer.page.getByRole("alert").filter({ hasText: "This account has been disabled" }).waitFor();
    await admin.context.close();
    await reviewer.context.close();
  });
});

describe("Credentials endpoints", () => {
  it("the demo editor logs in through /api/auth/csrf and /api/auth/callback/credentials", async () => {
    const { response: login, cookie: cookieHeader } = await credentialsLogin(DEMO.editor);
    expect(login.status).toBe(302);
    const session = await fetch(`${BASE_URL}/api/auth/session`, { headers: { cookie: cookieHeader } }).then((r) => r.json());
    expect(session.user).toMatchObject({ email: DEMO.editor, role: "editor" });
    const cookie = login.headers.getSetCookie().find((c) => c.includes("session-token"));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("app pages carry a per-request CSP nonce and no 'unsafe-inline' script policy", async () => {
    const { context, page } = await loginAs(browser(), DEMO.reviewer);
    const first = await page.goto("/articles");
    const csp = first!.headers()["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toMatch(/object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/);
    // Next.js's own scripts carry it, and the page is interactive (hydrated) under the policy.
    const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    const second = await page.goto("/articles");
    expect(/'nonce-([^']+)'/.exec(second!.headers()["content-security-policy"]!)?.[1]).not.toBe(nonce);
    await context.close();
  });

  it("health says which database is open", async () => {
    const res = await fetch(`${BASE_URL}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toMatch(/object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/);
  });
});

describe("the site icon", () => {
  it("is served at /favicon.ico and linked from every page (no 404 in the console)", async () => {
    const icon = await fetch(`${BASE_URL}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\//);
    const { page, context } = await loginAs(browser(), DEMO.editor);
    for (const path of ["/articles", "/login"]) {
      await page.goto(path);
      const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
      expect((await fetch(new URL(href!, BASE_URL))).status).toBe(200);
    }
    await context.close();
  });
});
