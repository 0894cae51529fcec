import { beforeAll, describe, expect, it } from "vitest";
import { A, B, call, type Answer, type Credential, createUser, DEMO, login, sleep, useDatabase } from "./support";

const APPROVALS = 50;
const BODY = [
  "Harbour news.",
  "The harbour master said the new quay opened to ships last spring after a long delay.",
  "Traders welcomed it.",
].join("\n\n");
const QUOTE = "the new quay opened to ships last spring after a long delay";

/**
 * A 503 says nothing was saved and to try again (the pool of a busy instance was full): a client
 * sends the same request again until it gets an answer about the approval itself.
 */
async function approve(base: string, who: Credential, claimId: string, version: number): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const r = await call(base, who, `/api/claims/${claimId}/review`, { method: "POST", body: { version, decision: "approve" } });
    if (r.status !== 503 || attempt >= 20) return r;
    await sleep(200 + Math.random() * 300);
  }
}

describe("50 concurrent approvals of one claim version, split across both instances", () => {
  const sql = useDatabase();
  let claim: { id: string; version: number };
  let reviewers: Credential[];

  beforeAll(async () => {
    const editor = await login(A, DEMO.editor);
    const article = await call(A, editor, "/api/articles", { method: "POST", body: { title: `Quay ${Date.now()}`, body: BODY } });
    expect(article.status).toBe(201);
    const marked = await call(B, editor, `/api/articles/${article.json.article.id}/claims`, {
      method: "POST",
      body: { exact: QUOTE },
    });
    expect(marked.status).toBe(201);
    let c = marked.json.claim;
    const edited = await call(A, editor, `/api/claims/${c.id}`, {
      method: "PATCH",
      body: { version: c.version, verdict: "verified", rationale: "The port authority's notice of opening." },
    });
    expect(edited.status).toBe(200);
    c = edited.json.claim;
    const source = await call(B, editor, `/api/claims/${c.id}/sources`, {
      method: "POST",
      body: { claimVersion: c.version, url: "https://example.org/quay-notice", title: "Notice of opening", kind: "primary" },
    });
    expect(source.status).toBe(201);
    c = source.json.claim;
    const submitted = await call(A, editor, `/api/claims/${c.id}/submit`, { method: "POST", body: { version: c.version } });
    expect(submitted.status).toBe(200);
    claim = { id: submitted.json.claim.id, version: submitted.json.claim.version };

    // Several reviewers, each signed in on one instance and calling both (the cookie is good on either).
    const admin = await login(B, DEMO.admin);
    reviewers = [await login(A, DEMO.reviewer)];
    for (let i = 0; i < 4; i++) {
      const r = await createUser(admin, "reviewer");
      reviewers.push(await login(i % 2 ? A : B, r.email, r.password));
    }
  });

  it("exactly one succeeds, the other 49 get 409, and there is one approval in the audit log and the reviews", async () => {
    const answers = await Promise.all(
      Array.from({ length: APPROVALS }, (_, i) =>
        approve(i % 2 ? B : A, reviewers[i % reviewers.length]!, claim.id, claim.version),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(APPROVALS - 1);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.error.code).toBe("conflict");
    const won = answers.find((a) => a.status === 200)!;
    expect(won.json.claim.status).toBe("approved");

    const audit =
      await sql`select count(*)::int as n from audit_events where action = 'claim.approve' and target_id = ${claim.id}`;
    expect(audit[0]!.n).toBe(1);
    const reviews = await sql`select decision from reviews where claim_id = ${claim.id}`;
    expect(reviews.map((r) => r.decision)).toEqual(["approve"]);
    const [row] = await sql`select status, version from claims where id = ${claim.id}`;
    expect(row!.status).toBe("approved");
    expect(row!.version).toBe(won.json.claim.version);
  });
});
