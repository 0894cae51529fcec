// The yardstick of bench/http.bench.ts: a bare node:http server that runs the same SQL as the
// app's route through postgres.js with the same pool size, and answers the same JSON shape.
// Usage: node bench/support/bare-server.mjs <port> <database url> <pool max>
import http from "node:http";
import postgres from "postgres";

const [port, url, max] = process.argv.slice(2);
const sql = postgres(url, { max: Number(max), onnotice: () => {} });

// The review queue's first page, as lib/workflow/list-queue.ts asks for it (25 + 1 rows).
const queue = () => sql`
  select c.id, c.version, c.article_id, a.title, c.statement, c.exact, c.anchor_text, c.anchor_state, c.verdict,
         c.status_reason, c.created_by, e.name as editor_name, c.editors_since_approval, c.assigned_reviewer_id,
         s.name as assignee_name, c.submitted_at,
         to_char(c.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as submitted_at_exact
  from claims c
  join articles a on a.id = c.article_id
  join users e on e.id = c.created_by
  left join users s on s.id = c.assigned_reviewer_id
  where c.status = 'in_review'
  order by c.submitted_at, c.id
  limit 26`;

const server = http.createServer(async (req, res) => {
  try {
    let body;
    if (req.url === "/api/queue") {
      const rows = await queue();
      body = { items: rows.slice(0, 25), next: rows.length > 25 ? "x" : null };
    } else if (req.url === "/api/health") {
      await sql`select 1 from drizzle.__drizzle_migrations limit 1`;
      body = { status: "ok", database: "postgres" };
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
server.listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
process.on("SIGTERM", () => {
  server.close();
  sql.end({ timeout: 1 }).finally(() => process.exit(0));
});
