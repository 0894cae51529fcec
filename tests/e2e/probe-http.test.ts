import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiSession, BASE_URL, credentialsLogin, DEMO, type ResponseJson } from "./support";

/**
 * Holes 4 and 5 of the security probe (issue 14), against the built app: what the framework layer
 * answers for broken addresses and refused server actions. Never a 500, never plain text on /api/.
 */
type Api = Awaited<ReturnType<typeof apiSession>>;
let editor: Api;
let admin: Api;
let editorCookie: string;

beforeAll(async () => {
  editor = await apiSession(DEMO.editor);
  admin = await apiSession(DEMO.admin);
  editorCookie = (await credentialsLogin(DEMO.editor)).cookie;
});

function expectJsonError(res: { status: number; json: ResponseJson; headers: Headers }, statuses: number[]) {
  expect(statuses, JSON.stringify(res.json)).toContain(res.status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  expect(res.json).toHaveProperty("error.code");
  expect(res.json).toHaveProperty("error.message");
}

describe("NUL bytes, huge numbers and broken percent-encoding in addresses", () => {
  it("answer 400/404/422 in the JSON error shape", async () => {
    const created = await editor("/api/articles", { method: "POST", body: { title: "Probe", body: "Some text to probe." } });
    expect(created.status).toBe(201);
    const id = created.json.article.id as string;
    for (const address of [
      "/api/articles/%00",
      "/api/articles/a%00b",
      "/api/articles/%E0%A4%A",
      "/api/%ZZ",
      "/api/claims/%C0%AF",
      "/api/search?q=%00",
      "/api/search?claimant=%00",
      `/api/articles/${id}?x=%00`,
    ]) {
      expectJsonError(await editor(address), [400, 404, 422]);
    }
    for (const address of ["/api/audit?target=%00", "/api/audit?before=9223372036854775808", "/api/audit?action=%00"]) {
      expectJsonError(await admin(address), [400, 422]);
    }
  });

  it("a revision number past PostgreSQL's integers is a 404 page, and a broken page address a 400", async () => {
    const created = await editor("/api/articles", { method: "POST", body: { title: "Probe revisions", body: "Text." } });
    const id = created.json.article.id as string;
    const headers = { cookie: editorCookie };
    expect((await fetch(`${BASE_URL}/articles/${id}/revisions/1`, { headers })).status).toBe(200);
    expect((await fetch(`${BASE_URL}/articles/${id}/revisions/2147483648`, { headers })).status).toBe(404);
    expect((await fetch(`${BASE_URL}/articles/%E0%A4%A`, { headers })).status).toBe(400);
    expect((await fetch(`${BASE_URL}/search?q=%00`, { headers })).status).toBeLessThan(500);
  });
});

/** The id and a page of a server action, from the build's manifest (as the browser knows them). */
function actionRef(file: string, name: string): { id: string; page: string } {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === file && entry.exportedName === name) return { id, page: "/articles/new" };
  }
  throw new Error(`no server action ${file} ${name} (was the app built?)`);
}

async function callCreateArticle(body: BodyInit, extra: Record<string, string> = {}) {
  const ref = actionRef("app/actions/articles.ts", "createArticleAction");
  const res = await fetch(`${BASE_URL}${ref.page}`, {
    method: "POST",
    headers: { cookie: editorCookie, "Next-Action": ref.id, Accept: "text/x-component", Origin: BASE_URL, ...extra },
    body,
    redirect: "manual",
  });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
}

function articleForm(file: Blob, name: string): FormData {
  const fd = new FormData();
  // React's reply encoding for (prevState, formData): the form's fields prefixed by `_<its id>_`.
  fd.append("_1_title", "Upload probe");
  fd.append("_1_file", file, name);
  fd.append("0", JSON.stringify(["$undefined", "$K1"]));
  return fd;
}

describe("server-action refusals are not 500s", () => {
  it("a file over the body limit gets the same 'larger than 2 MB' message as a 2.1 MB file", async () => {
    const justOver = await callCreateArticle(articleForm(new Blob(["a".repeat(2.1 * 1024 * 1024)]), "a.txt"));
    expect(justOver.status).toBe(200);
    expect(justOver.text).toContain("The file is larger than 2 MB.");
    const huge = await callCreateArticle(articleForm(new Blob(["a".repeat(5 * 1024 * 1024)]), "a.txt"));
    expect(huge.status).toBe(413);
    expect(huge.type).toMatch(/application\/json/);
    expect(JSON.parse(huge.text)).toMatchObject({ error: { fields: { file: "The file is larger than 2 MB." } } });
  });

  it("a streamed upload without a Content-Length is asked for one (411), not cut off with a 500", async () => {
    const ref = actionRef("app/actions/articles.ts", "createArticleAction");
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 80)
          controller.close(); // 5 MB
        else controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${BASE_URL}${ref.page}`, {
      method: "POST",
      headers: { cookie: editorCookie, "Next-Action": ref.id, Origin: BASE_URL, "Content-Type": "text/plain;charset=UTF-8" },
      body,
      duplex: "half",
      redirect: "manual",
    } as RequestInit);
    expect(res.status).toBe(411);
    expect(await res.json()).toMatchObject({ error: { code: "length_required" } });
  });

  it("a cross-origin call is a 403, whatever the browser says", async () => {
    const form = () => articleForm(new Blob(["Some text."]), "a.txt");
    const byOrigin = await callCreateArticle(form(), { Origin: "https://evil.example" });
    expect(byOrigin.status).toBe(403);
    const byFetchSite = await callCreateArticle(form(), { "Sec-Fetch-Site": "cross-site" });
    expect(byFetchSite.status).toBe(403);
  });

  it("arguments that are not a list are a 400, before the framework tries to decode them", async () => {
    for (const body of ["garbage", '{"a":1}', ""]) {
      const res = await callCreateArticle(body, { "Content-Type": "text/plain;charset=UTF-8" });
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: "bad_request" } });
    }
  });

  it("a form action called with something other than a form answers bad_request, not a 500", async () => {
    const res = await callCreateArticle(JSON.stringify(["x", { not: "a form" }]), { "Content-Type": "text/plain;charset=UTF-8" });
    expect(res.status).toBeLessThan(500);
    expect(res.text).toContain('"code":"bad_request"');
  });
});
