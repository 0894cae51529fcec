/**
 * The PGlite client drizzle talks to (db/pglite-prepared.ts): one call into the backend per
 * statement, named statements prepared once. It must answer as PGlite's own `query()`, `exec()` and
 * `transaction()` do. An in-memory PGlite of its own, whichever database the suite runs on.
 */
import type { PGlite, Results } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PreparedPglite } from "../../db/pglite-prepared";
import { PGLITE_PREPARE } from "../../db/types";

let pg: PGlite;
let client: PreparedPglite;
const named = { [PGLITE_PREPARE]: true } as object;

beforeAll(async () => {
  const { PGlite } = await import("@electric-sql/pglite");
  pg = await PGlite.create();
  client = new PreparedPglite(pg);
  await pg.exec(`create table t (id int primary key, name text not null, tags text[], doc jsonb, at timestamptz);
    insert into t values (1, 'one', '{a,b}', '{"x":1}', '2026-01-02T03:04:05Z'), (2, 'two', null, null, null);`);
});

afterAll(async () => {
  await pg.close();
});

/** What a caller sees of a result: rows, fields, command, counts. */
const seen = (r: Results<unknown>) => ({
  rows: r.rows,
  fields: r.fields,
  command: r.command,
  affectedRows: r.affectedRows,
  rowCount: r.rowCount,
});

describe("PreparedPglite", () => {
  const select = "select id, name, tags, doc, at from t where id = any($1::int[]) order by id";
  const options = [undefined, { rowMode: "array" as const }, { rowMode: "array" as const, parsers: { 1184: (v: string) => v } }];

  it("answers a select as PGlite's query() does, named or not, in either row mode, again and again", async () => {
    for (const opts of options) {
      const expected = seen(await pg.query(select, [[1, 2]], opts));
      for (let i = 0; i < 7; i++) {
        expect(seen(await client.query(select, [[1, 2]], opts))).toEqual(expected);
        expect(seen(await client.query(select, [[1, 2]], { ...opts, ...named }))).toEqual(expected);
      }
    }
  });

  it("serialises values by the parameter types PostgreSQL inferred (JSON, arrays, dates, null)", async () => {
    const text = "insert into t values ($1, $2, $3, $4, $5) returning *";
    const at = new Date("2026-05-06T07:08:09Z");
    const ours = await client.query(text, [3, "three", ["x", "y"], { y: [1, 2] }, at], named);
    const theirs = await pg.query("select * from t where id = 3");
    expect(ours.rows).toEqual(theirs.rows);
    expect(ours.rows[0]).toEqual({ id: 3, name: "three", tags: ["x", "y"], doc: { y: [1, 2] }, at });
    expect(ours.affectedRows).toBe(1);
    const unnamed = await client.query(text, [4, "four", null, null, undefined]);
    expect(unnamed.rows).toEqual([{ id: 4, name: "four", tags: null, doc: null, at: null }]);
  });

  it("commits a transaction, BEGIN sent with its first statement", async () => {
    await client.transaction(async (tx) => {
      await tx.query("update t set name = $2 where id = $1", [1, "uno"], named);
      expect(pg.isInTransaction()).toBe(true);
      await tx.query("update t set name = $2 where id = $1", [2, "dos"]);
    });
    expect(pg.isInTransaction()).toBe(false);
    expect((await pg.query("select name from t where id in (1, 2) order by id")).rows).toEqual([
      { name: "uno" },
      { name: "dos" },
    ]);
  });

  it("rolls back when the callback throws or a statement fails, and the client goes on", async () => {
    await expect(
      client.transaction(async (tx) => {
        await tx.query("update t set name = 'lost' where id = $1", [1], named);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await expect(
      client.transaction(async (tx) => {
        await tx.query("update t set name = 'lost' where id = $1", [2], named);
        await tx.query("insert into t (id, name) values ($1, $2)", [1, "duplicate"], named);
      }),
    ).rejects.toMatchObject({ code: "23505", query: "insert into t (id, name) values ($1, $2)", params: [1, "duplicate"] });
    expect(pg.isInTransaction()).toBe(false);
    expect((await client.query("select name from t where id in (1, 2) order by id", [], named)).rows).toEqual([
      { name: "uno" },
      { name: "dos" },
    ]);
    // An error outside a transaction, by the unnamed path and by the first Parse of a named one.
    await expect(client.query("select nope from t where id = $1", [1])).rejects.toMatchObject({ code: "42703" });
    await expect(client.query("select nope from t where id = $1", [1], named)).rejects.toMatchObject({ code: "42703" });
    expect((await client.query("select count(*)::int as n from t")).rows).toEqual([{ n: 4 }]);
  });

  it("serialises concurrent transactions: each sees the other's committed row", async () => {
    const bump = () =>
      client.transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>("select count(*)::int as n from t where id >= $1", [100], named);
        await tx.query("insert into t (id, name) values ($1, 'n')", [100 + rows[0]!.n], named);
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    expect((await pg.query("select count(*)::int as n from t where id >= 100")).rows).toEqual([{ n: 10 }]);
  });

  it("prepares a statement again after a migration changed its columns", async () => {
    const text = "select * from t where id = $1";
    expect(Object.keys((await client.query<object>(text, [1], named)).rows[0]!)).toEqual(["id", "name", "tags", "doc", "at"]);
    await client.query("alter table t add column extra int not null default 7");
    expect((await client.query(text, [1], named)).rows[0]).toMatchObject({ id: 1, extra: 7 });
    await client.exec("alter table t drop column extra");
    expect(Object.keys((await client.query<object>(text, [1], named)).rows[0]!)).toEqual(["id", "name", "tags", "doc", "at"]);
  });

  it("runs scripts as PGlite's exec() does, and delivers notifications and notices", async () => {
    const script = "select 1 as a; update t set name = name where id = 1; select 'x' as b";
    expect((await client.exec(script)).map(seen)).toEqual((await pg.exec(script)).map(seen));
    const payloads: string[] = [];
    const unlisten = await client.listen("chan", (p) => payloads.push(p));
    await client.query("select pg_notify('chan', $1)", ["hello"], named);
    await client.transaction(async (tx) => {
      await tx.query("select pg_notify('chan', $1)", ["in a transaction"]);
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(payloads).toEqual(["hello", "in a transaction"]);
    await unlisten();
    const notices: string[] = [];
    await client.query("do $$ begin raise notice 'careful'; end $$", [], { onNotice: (n) => notices.push(n.message ?? "") });
    expect(notices).toEqual(["careful"]);
  });
});

describe("PreparedPglite transactions, as PostgreSQL keeps them (review of f68ba4b)", () => {
  beforeAll(async () => {
    await pg.exec("create table tx_rows (id int primary key, name text not null)");
  });
  const ids = async (from: number, to: number) =>
    (await pg.query<{ id: number }>("select id from tx_rows where id between $1 and $2 order by id", [from, to])).rows.map(
      (r) => r.id,
    );

  it("a plain query waits for an open transaction: it is not rolled back with it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = client
      .transaction(async (tx) => {
        await tx.query("insert into tx_rows values ($1, $2)", [1, "tx"], named);
        await held;
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const plain = client.query("insert into tx_rows values ($1, $2)", [2, "plain"], named);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await transaction).toBe("rolled back");
    await plain;
    expect(await ids(1, 2)).toEqual([2]);
  });

  it("an error swallowed inside a transaction aborts it: COMMIT rejects with 25P02 and nothing is written", async () => {
    const ours = client.transaction(async (tx) => {
      await tx.query("insert into tx_rows values ($1, $2)", [10, "a"], named);
      await tx.query("insert into tx_rows values ($1, $2)", [10, "duplicate"], named).catch(() => undefined);
    });
    await expect(ours).rejects.toMatchObject({ code: "25P02" });
    expect(await ids(10, 10)).toEqual([]);
  });

  it("a first statement PostgreSQL cannot parse aborts the transaction too, named or not (as PGlite's own)", async () => {
    const body = async (
      tx: { query: (text: string, params?: unknown[], options?: object) => Promise<unknown> },
      id: number,
      options?: object,
    ) => {
      await tx.query("insert into tx_rows (no_such_column) values ($1)", [1], options).catch(() => undefined);
      await tx.query("insert into tx_rows values ($1, $2)", [id, "after the error"], options);
    };
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => "committed",
        (e: { code?: string }) => `rejected ${e.code}`,
      );
    const theirs = await outcome(pg.transaction((tx) => body(tx, 20)));
    expect(theirs).toBe("rejected 25P02");
    expect(await outcome(client.transaction((tx) => body(tx, 21)))).toBe(theirs);
    expect(await outcome(client.transaction((tx) => body(tx, 22, named)))).toBe(theirs);
    expect(await ids(20, 22)).toEqual([]);
  });

  it("a first value that cannot be sent leaves the transaction to begin with the next statement", async () => {
    const ours = client.transaction(async (tx) => {
      // JSON.stringify refuses a BigInt: the statement fails before anything is sent.
      await tx.query("select $1::jsonb", [{ n: 1n }]).catch(() => undefined);
      await tx.query("insert into tx_rows values ($1, $2)", [30, "in the transaction"], named);
      throw new Error("roll back");
    });
    await expect(ours).rejects.toThrow("roll back");
    expect(await ids(30, 30)).toEqual([]);
  });

  it("a named statement whose table changed out of its sight fails once (0A000), then is prepared again", async () => {
    await pg.exec("create table tx_shape (id int primary key, v int); insert into tx_shape values (1, 1);");
    const text = "select * from tx_shape where id = $1";
    expect((await client.query(text, [1], named)).rows).toEqual([{ id: 1, v: 1 }]);
    await client.exec("do $$ begin alter table tx_shape add column z int default 3; end $$");
    await client.query(text, [1], named).then(
      () => undefined,
      (e: { code?: string }) => expect(e.code).toBe("0A000"),
    );
    expect((await client.query(text, [1], named)).rows).toEqual([{ id: 1, v: 1, z: 3 }]);
  });
});

describe("PreparedPglite caches and scripts (review of f68ba4b)", () => {
  it("a table changed inside a DO block: an unnamed statement's parameter types are asked again", async () => {
    await pg.exec("create table do_shape (id int primary key, v int); insert into do_shape values (1, 1);");
    const text = "select id from do_shape where v = $1";
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1 }]);
    await client.exec("do $$ begin alter table do_shape alter column v type text; end $$");
    await client.query("update do_shape set v = 'abc' where id = 1");
    expect((await client.query(text, ["abc"])).rows).toEqual((await pg.query(text, ["abc"])).rows);
    expect((await client.query(text, ["abc"])).rows).toEqual([{ id: 1 }]);
  });

  it("a script that begins a transaction gives its own results, as PGlite's exec() does", async () => {
    const theirs = await pg.transaction((tx) => tx.exec("select 1 as a; select 2 as b"));
    const ours = await client.transaction((tx) => tx.exec("select 1 as a; select 2 as b"));
    expect(ours.map((r) => [r.command, r.rows])).toEqual(theirs.map((r) => [r.command, r.rows]));
  });
});
