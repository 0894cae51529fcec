// The mixed workload of the load-and-faults run: editors read, mark claims, edit them (with their
// versions), add sources, comment, submit and export; reviewers read the queue and approve or send
// back. Every write answered 2xx goes into the acknowledged-writes log (`acks`), which
// bench/faults/verify.mjs checks against the database at the end.

const VERDICTS = ["verified", "needs_context", "misleading", "disputed", "false", "unproven"];
const SUBJECTS = [
  "harbour",
  "library",
  "tram line",
  "hospital wing",
  "school roof",
  "bus depot",
  "market hall",
  "river path",
  "sports ground",
  "fire station",
];
const PEOPLE = [
  "the mayor",
  "the treasurer",
  "a councillor",
  "the director",
  "the chair",
  "a spokesperson",
  "the minister",
  "the planner",
  "the engineer",
  "the auditor",
];
const OUTCOMES = [
  "will open next season",
  "was finished ahead of plan",
  "is over budget",
  "has been delayed again",
  "needs more staff",
  "was approved by the board",
];
const DISTRICTS = [
  "north",
  "south",
  "east",
  "west",
  "central",
  "riverside",
  "old town",
  "harbourside",
  "uplands",
  "green park",
  "hillcrest",
  "lakeside",
  "marsh end",
  "new quarter",
  "mill lane",
  "station road",
  "castle hill",
  "the docks",
  "the meadows",
  "bridge end",
];

/** Sentence `i` of editor `e`'s article: unique in that article, no figures in it. */
export const sentence = (e, i) =>
  `${PEOPLE[i % 10]} said the ${SUBJECTS[Math.floor(i / 10) % 10]} in ${DISTRICTS[e % 20]} ${OUTCOMES[Math.floor(i / 100) % 6]}`;
export const SENTENCES = 600;
export const articleBody = (e) =>
  Array.from({ length: SENTENCES }, (_, i) => `Paragraph ${i + 1}: ${sentence(e, i)}.`).join("\n\n");

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ok = (r) => r.status >= 200 && r.status < 300;

export function newAcks() {
  return { articles: new Set(), claims: new Map(), sources: new Map(), comments: new Map(), reviews: new Map(), writes: [] };
}

/** A 2xx answer carrying a claim: the latest acknowledged state of that claim. */
function ackClaim(acks, claim, t) {
  const prev = acks.claims.get(claim.id);
  if (!prev || claim.version > prev.version) {
    acks.claims.set(claim.id, {
      version: claim.version,
      statement: claim.statement,
      verdict: claim.verdict,
      status: claim.status,
    });
  }
  acks.writes.push(t);
}

/** Think time between a user's actions: `thinkMs` ± 50 %. */
const think = (thinkMs) => sleep(thinkMs * (0.5 + Math.random()));

export async function runEditor({ client, e, articleId, acks, until, thinkMs }) {
  const mine = new Map(); // id → {version, status, verdict, rationale, sources}
  let next = 0;
  let edits = 0;
  const remember = (c, extra = {}) => {
    const known = mine.get(c.id) ?? { sources: 0 };
    mine.set(c.id, { ...known, version: c.version, status: c.status, verdict: c.verdict, rationale: c.rationale, ...extra });
  };
  const editable = () => [...mine].filter(([, c]) => c.status === "draft" || c.status === "changes_requested");
  /** A 409 carries the claim as it is now: carry on from there. */
  const catchUp = (r) => r.status === 409 && r.json?.error?.current && remember(r.json.error.current);

  while (performance.now() < until) {
    const roll = Math.random() * 100;
    const drafts = editable();
    if (mine.size === 0 || (roll < 14 && next < SENTENCES)) {
      const r = await client.send("mark", "POST", `/api/articles/${articleId}/claims`, {
        exact: sentence(e, next++),
        claimant: null,
      });
      if (r.status === 201) {
        remember(r.json.claim);
        ackClaim(acks, r.json.claim, r.sample.t);
      }
    } else if (roll < 36 && drafts.length) {
      const [id, c] = pick(drafts);
      const body = {
        version: c.version,
        statement: `${client.name} edit ${++edits}: ${sentence(e, edits % SENTENCES)}`,
        verdict: pick(VERDICTS),
        rationale: `Checked against the council's records (${client.name}, edit ${edits}).`,
      };
      const r = await client.send("edit", "PATCH", `/api/claims/${id}`, body);
      if (r.status === 200) {
        remember(r.json.claim);
        ackClaim(acks, r.json.claim, r.sample.t);
      } else catchUp(r);
    } else if (roll < 46 && drafts.length) {
      const [id, c] = pick(drafts);
      const n = c.sources + 1;
      const r = await client.send("source", "POST", `/api/claims/${id}/sources`, {
        claimVersion: c.version,
        url: `https://example.org/records/${e}/${id.slice(0, 8)}/${n}`,
        title: `Council record ${n}`,
        kind: "primary",
      });
      if (r.status === 201) {
        remember(r.json.claim, { sources: n });
        acks.sources.set(r.json.source.id, id);
        ackClaim(acks, r.json.claim, r.sample.t);
      } else catchUp(r);
    } else if (roll < 56 && drafts.some(([, c]) => c.sources > 0 && c.verdict !== "unverified" && c.rationale)) {
      const [id, c] = pick(drafts.filter(([, x]) => x.sources > 0 && x.verdict !== "unverified" && x.rationale));
      const r = await client.send("submit", "POST", `/api/claims/${id}/submit`, { version: c.version });
      if (r.status === 200) {
        remember(r.json.claim);
        ackClaim(acks, r.json.claim, r.sample.t);
      } else catchUp(r);
    } else if (roll < 60) {
      const [id] = pick([...mine]);
      const r = await client.send("comment", "POST", `/api/claims/${id}/comments`, { body: `Note from ${client.name}.` });
      if (r.status === 201) {
        acks.comments.set(r.json.comment.id, id);
        acks.writes.push(r.sample.t);
      }
    } else if (roll < 68) {
      await client.send("export", "GET", `/api/articles/${articleId}/report.${pick(["json", "md", "csv"])}?variant=internal`);
    } else if (roll < 80) {
      await client.send("list", "GET", pick(["/api/articles?limit=20", `/api/search?q=${encodeURIComponent(pick(SUBJECTS))}`]));
    } else {
      // Reading the article brings the claims' current versions and statuses (reviewers change them).
      const r = await client.send("read", "GET", `/api/articles/${articleId}`);
      if (r.status === 200) for (const c of r.json.article.claims ?? []) if (mine.has(c.id)) remember(c);
    }
    await think(thinkMs);
  }
}

export async function runReviewer({ client, articleIds, acks, until, thinkMs }) {
  while (performance.now() < until) {
    const roll = Math.random() * 100;
    if (roll < 10) {
      await client.send("export", "GET", `/api/articles/${pick(articleIds)}/report.${pick(["html", "json"])}`);
    } else {
      const queue = await client.send("queue", "GET", "/api/queue?limit=50");
      const items = ok(queue) ? queue.json.items.filter((i) => i.canApprove) : [];
      if (items.length) {
        await think(thinkMs / 2);
        const item = pick(items);
        const read = await client.send("read", "GET", `/api/claims/${item.claimId}`);
        if (ok(read)) {
          const version = read.json.claim.version;
          const body =
            Math.random() < 0.8
              ? { version, decision: "approve" }
              : { version, decision: "request_changes", reason: `Which record? (${client.name})` };
          let r = await client.send("review", "POST", `/api/claims/${item.claimId}/review`, body);
          const fields = r.status === 422 ? (r.json?.error?.fields ?? {}) : {};
          if (fields.confirmFigureWarnings || fields.confirmVerdictDifference) {
            const keys = (r.json.error.details?.figureWarnings ?? []).map((w) => w.key);
            r = await client.send("review", "POST", `/api/claims/${item.claimId}/review`, {
              ...body,
              ...(keys.length ? { confirmFigureWarnings: keys } : {}),
              ...(fields.confirmVerdictDifference ? { confirmVerdictDifference: true } : {}),
            });
          }
          if (r.status === 200) {
            acks.reviews.set(r.json.review.id, { claimId: item.claimId, decision: body.decision });
            ackClaim(acks, r.json.claim, r.sample.t);
          }
        }
      }
    }
    await think(thinkMs);
  }
}
