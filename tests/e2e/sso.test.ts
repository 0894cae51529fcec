/**
 * Single sign-on in Chromium, through the real Auth.js flow: the login page's "Sign in with …"
 * button, the local OpenID Connect provider that tests/e2e/run.mjs starts (its sign-in form takes
 * any e-mail as the login; tests/support/oidc-provider.mjs), the callback, and the desk's session.
 * run.mjs allows the domain newsroom.test with the default role reviewer.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { UNVERIFIED_PREFIX } from "../support/oidc-provider.mjs";
import { apiSession, BASE_URL, DEMO, newUserPage, useBrowser } from "./support";

const { browser } = useBrowser();
const run = Date.now().toString(36);
const providerOrigin = new URL(process.env.OIDC_ISSUER ?? "http://127.0.0.1:1").origin;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** From the login page: the SSO button, the provider's own sign-in form, and back to the desk. */
async function ssoLogin(page: Page, login: string): Promise<void> {
  await page.getByRole("button", { name: "Sign in with Newsroom SSO" }).click();
  await page.waitForURL((url) => url.origin === providerOrigin);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.origin !== providerOrigin);
}

async function createUser(role: "editor" | "reviewer" | "admin", name: string) {
  const admin = await apiSession(DEMO.admin);
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${run}@newsroom.test`;
  const created = await admin("/api/users", { method: "POST", body: { email, name, role, password: "a password nobody types" } });
  expect(created.status).toBe(201);
  return { admin, email, id: created.json.user.id as string };
}

describe("single sign-on", () => {
  it("a first-time user of an allowed domain signs in, lands where they were going, with the default role", async () => {
    const { context, page } = await newUserPage(browser());
    await page.goto("/articles");
    await page.waitForURL("**/login?**");
    // Both ways in: the provider's button and the password form.
    await expect(page.getByRole("button", { name: "Sign in", exact: true }).isVisible()).resolves.toBe(true);
    const email = `new.${run}@newsroom.test`;
    await ssoLogin(page, email);
    await page.waitForURL((url) => url.pathname === "/articles");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain(`SSO new.${run}`);
    // reviewer, as OIDC_DEFAULT_ROLE says: the review queue is in the header, Admin is not.
    const header = page.locator("header");
    expect(await header.getByRole("link", { name: "Review queue" }).count()).toBe(1);
    expect(await header.getByRole("link", { name: "Admin" }).count()).toBe(0);

    const admin = await apiSession(DEMO.admin);
    const { json } = await admin("/api/users");
    expect(json.users.find((u: { email: string }) => u.email === email)).toMatchObject({ role: "reviewer", disabled: false });
    const audit = await admin(`/api/audit?action=user.create`);
    expect(JSON.stringify(audit.json)).toContain(email);

    // The session is the desk's usual one: signing out ends it.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login**");
    await page.goto("/articles");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("works before the page's script runs (no JavaScript): the login form may be sent on to the provider", async () => {
    const context = await browser().newContext({ baseURL: BASE_URL, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto("/login");
    await ssoLogin(page, `nojs.${run}@newsroom.test`);
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain(`SSO nojs.${run}`);
    await context.close();
  });

  it("refuses an e-mail outside the allowed domains, and an unverified one, on the login page", async () => {
    const { context, page } = await newUserPage(browser());
    await page.goto("/login");
    await ssoLogin(page, `visitor.${run}@elsewhere.test`);
    await page.waitForURL((url) => url.pathname === "/login");
    await page.getByRole("alert").filter({ hasText: "not in a domain this desk accepts" }).waitFor();
    const session = await page.request.get("/api/auth/session").then((r) => r.json());
    expect(session?.user).toBeUndefined();
    await context.close();

    const second = await newUserPage(browser());
    await second.page.goto("/login");
    await ssoLogin(second.page, `${UNVERIFIED_PREFIX}claims.${run}@newsroom.test`);
    await second.page.getByRole("alert").filter({ hasText: "has not verified your e-mail address" }).waitFor();
    expect(new URL(second.page.url()).pathname).toBe("/login");
    await second.context.close();

    const admin = await apiSession(DEMO.admin);
    const { json } = await admin("/api/users");
    const emails = json.users.map((u: { email: string }) => u.email);
    expect(emails).not.toContain(`visitor.${run}@elsewhere.test`);
    expect(emails).not.toContain(`claims.${run}@newsroom.test`);
  });

  it("an existing user signs in as themselves, with the role an admin gave them", async () => {
    const { email } = await createUser("admin", "Existing Chief");
    const { context, page } = await newUserPage(browser());
    await page.goto("/login");
    await ssoLogin(page, email.toUpperCase());
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain("Existing Chief");
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(200);
    await context.close();
  });

  it("a disabled user is refused, and disabling ends an SSO session at once", async () => {
    const { admin, email, id } = await createUser("editor", "Leaving Editor");
    const { context, page } = await newUserPage(browser());
    await page.goto("/login");
    await ssoLogin(page, email);
    await page.waitForURL((url) => url.pathname === "/");

    expect((await admin(`/api/users/${id}`, { method: "PATCH", body: { disabled: true } })).status).toBe(200);
    await page.goto("/articles");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByRole("status").filter({ hasText: "This account has been disabled" }).waitFor();

    await context.close();

    // Signing in again through the provider (a fresh browser: the provider would remember them) is refused, saying why.
    const again = await newUserPage(browser());
    await again.page.goto("/login");
    await ssoLogin(again.page, email);
    await again.page.waitForURL((url) => url.pathname === "/login");
    await again.page.getByRole("alert").filter({ hasText: "This account has been disabled" }).waitFor();
    const session = await again.page.request.get("/api/auth/session").then((r) => r.json());
    expect(session?.user).toBeUndefined();
    await again.context.close();
  });

  it("a half-configured provider stops the server at start, naming what is missing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fcd-sso-env-"));
    const { OIDC_CLIENT_SECRET: _secret, DATABASE_URL: _db, ...env } = process.env;
    const child = spawn(process.execPath, ["server.mjs"], {
      env: { ...env, PORT: String(await freePort()), PGLITE_DIR: path.join(dir, "pglite") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toMatch(/Invalid environment:\s+OIDC_CLIENT_SECRET: is required for single sign-on/);
    expect(output).not.toContain("listening");
  });
});
