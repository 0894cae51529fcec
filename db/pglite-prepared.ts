// The client drizzle and the app talk to on embedded PGlite: PGlite's own `query()` sends every
// statement in six calls into the WASM backend (parse, describe, bind, describe, execute, sync),
// each a run of the backend's main loop, and parses and plans the statement again every time. This
// one sends each statement in one call (one message of the extended protocol ending in Sync), and
// the statements the app names (`PGLITE_PREPARE` in their options: lib/database.ts `fixedQuery`
// and `prepareStatement` with a name) as named prepared statements, parsed once per PGlite
// instance and then only bound and executed: PostgreSQL keeps their plans as it does on a server
// (plan_cache_mode `auto`). Other statements are parsed and planned for their values each time, as
// before, with the parameter types PostgreSQL inferred the first time (kept by text, so a
// statement is described once). A transaction's BEGIN goes with its first statement. Results,
// errors, notices and notifications are what PGlite's `query()` gives (bench/README.md, "Claim
// writes on PGlite: one call per statement").
import {
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
  messages,
  protocol,
  TransactionAbortedError,
} from "@electric-sql/pglite";
import { query as templated } from "@electric-sql/pglite/template";
import { PGLITE_PREPARE } from "./types";

const { serialize } = protocol;
type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];
type Field = { name: string; dataTypeID: number };
type Row = Record<string, unknown> | unknown[];

/** A named prepared statement: its name in the backend and what Describe said of it. */
interface Prepared {
  name: string;
  paramTypes: number[];
  fields: Field[];
}

/**
 * Command tags after which the caches are kept; after any other they are dropped, since it may
 * have changed a table's shape (DO and CALL included: their code may run DDL).
 */
const KEEPS_CACHES = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "MERGE",
  "BEGIN",
  "START",
  "COMMIT",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
  "SET",
  "RESET",
  "SHOW",
  "LISTEN",
  "UNLISTEN",
  "NOTIFY",
  "LOCK",
  "ANALYZE",
  "VACUUM",
  "TRUNCATE",
  "COPY",
  "FETCH",
  "MOVE",
  "DECLARE",
  "CLOSE",
]);

/** Most statement texts whose parameter types are kept, and most named statements. */
const MAX_TEXTS = 1000;
const MAX_PREPARED = 200;

const SYNC = serialize.sync();
const EXECUTE = serialize.execute({});
const DESCRIBE_PORTAL = serialize.describe({ type: "P" });

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** PGlite's error as its `query()` throws it (makePGliteError): the statement and values attached. */
function withQuery(err: unknown, query: string, params: unknown[] | undefined, options: QueryOptions | undefined): unknown {
  if (err instanceof messages.DatabaseError) Object.assign(err, { query, params, queryOptions: options });
  return err;
}

export class PreparedPglite {
  readonly pglite: PGlite;
  /** Named prepared statements by text. */
  #prepared = new Map<string, Prepared>();
  /** Parameter types of the other statements, by text. */
  #paramTypes = new Map<string, number[]>();
  /** Named statements to close with the next message (dropped from the cache). */
  #toClose: string[] = [];
  #counter = 0;
  #inTransaction = false;
  /** A transaction has begun here but its BEGIN is not sent yet: it goes with the first statement. */
  #beginPending = false;

  constructor(pglite: PGlite) {
    this.pglite = pglite;
  }

  /** PGlite's `query()`: one statement, outside any transaction of this client. */
  async query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    await this.pglite._checkReady();
    return this.pglite._runExclusiveTransaction(() => this.#query<T>(text, params ?? [], options));
  }

  /** PGlite's `exec()`: a script of statements by the simple protocol. */
  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    await this.pglite._checkReady();
    return this.pglite._runExclusiveTransaction(() => this.#exec(text, options));
  }

  /** PGlite's `transaction()`: BEGIN … COMMIT, or ROLLBACK when `callback` throws. */
  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    await this.pglite._checkReady();
    return this.pglite._runExclusiveTransaction(async () => {
      this.#inTransaction = true;
      this.#beginPending = true;
      let closed = false;
      const checkClosed = () => {
        if (closed) throw new Error("Transaction is closed");
      };
      const tx: Transaction = {
        query: async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
          checkClosed();
          return this.#query<R>(text, params ?? [], options);
        },
        sql: async <R>(strings: TemplateStringsArray, ...params: unknown[]) => {
          checkClosed();
          const { query, params: values } = templated(strings, ...params);
          return this.#query<R>(query, values, undefined);
        },
        exec: async (text: string, options?: QueryOptions) => {
          checkClosed();
          return this.#exec(text, options);
        },
        rollback: async () => {
          checkClosed();
          closed = true;
          await this.#end("ROLLBACK");
        },
        listen: () => Promise.reject(new Error("listen inside a transaction is not supported here")),
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) {
          closed = true;
          if ((await this.#end("COMMIT")) === "ROLLBACK") {
            throw withQuery(new TransactionAbortedError(), "COMMIT", undefined, undefined);
          }
        }
        return result;
      } catch (err) {
        if (!closed) {
          closed = true;
          await this.#end("ROLLBACK");
        }
        throw err;
      } finally {
        this.#inTransaction = false;
        this.#beginPending = false;
      }
    });
  }

  listen(...args: Parameters<PGlite["listen"]>): ReturnType<PGlite["listen"]> {
    return this.pglite.listen(...args);
  }

  unlisten(...args: Parameters<PGlite["unlisten"]>): ReturnType<PGlite["unlisten"]> {
    return this.pglite.unlisten(...args);
  }

  dumpDataDir(...args: Parameters<PGlite["dumpDataDir"]>): ReturnType<PGlite["dumpDataDir"]> {
    return this.pglite.dumpDataDir(...args);
  }

  close(): Promise<void> {
    return this.pglite.close();
  }

  /** COMMIT or ROLLBACK of this client's transaction (nothing when no statement began it); the tag. */
  async #end(command: "COMMIT" | "ROLLBACK"): Promise<string> {
    if (this.#beginPending) return command;
    const result = await this.#run(command, [], undefined, true);
    return result.command ?? command;
  }

  #query<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    if (options?.blob) throw new Error("PGlite blobs (COPY … '/dev/blob') are not supported by this client");
    const prepare = !!(options as Record<symbol, unknown> | undefined)?.[PGLITE_PREPARE];
    return this.#run<T>(text, params, options, prepare);
  }

  /** One statement in one call into the backend (two the first time a statement is seen). */
  #run<T>(text: string, params: unknown[], options: QueryOptions | undefined, prepare: boolean): Promise<Results<T>> {
    return this.pglite._runExclusiveQuery(async () => {
      const parts: Uint8Array[] = [];
      this.#takeCloses(parts);
      // BEGIN goes first, with the parse step when there is one: a statement PostgreSQL cannot
      // parse then fails inside the transaction, which aborts it (25P02 for what follows, COMMIT a
      // rollback), as on PostgreSQL and PGlite's own transaction(), instead of failing before it
      // began and leaving the rest to commit.
      const begin = this.#inTransaction && this.#beginPending ? serialize.query("BEGIN") : null;
      if (begin) parts.push(begin);
      this.#beginPending = false;
      let fields: Field[] | undefined;
      try {
        let paramTypes: number[];
        let statement = "";
        if (prepare) {
          const known = this.#prepared.get(text) ?? (await this.#prepare(text, options, parts));
          statement = known.name;
          paramTypes = known.paramTypes;
          fields = known.fields;
        } else {
          paramTypes = params.length === 0 ? [] : await this.#describe(text, options, parts);
        }
        if (!prepare) parts.push(serialize.parse({ text, types: paramTypes }));
        parts.push(serialize.bind({ statement, values: this.#values(params, paramTypes, options) }));
      } catch (err) {
        // Failed before BEGIN was sent (a value that cannot be serialised): it is still to go, or
        // the transaction's next statements would run outside it.
        if (begin && parts.includes(begin)) this.#beginPending = true;
        throw err;
      }
      if (!prepare) parts.push(DESCRIBE_PORTAL);
      parts.push(EXECUTE, SYNC);
      let reply: BackendMessage[];
      try {
        reply = await this.pglite.execProtocolStream(concat(parts), { syncToFs: false, onNotice: options?.onNotice });
      } catch (err) {
        // A named statement whose result columns changed (a migration ran meanwhile): prepared
        // again at its next use.
        if (prepare && (err as { code?: string }).code === "0A000") this.#forget();
        throw withQuery(err, text, params, options);
      }
      if (!this.#inTransaction) await this.pglite.syncToFs();
      return this.#results<T>(reply, fields, options);
    });
  }

  /** Parses `text` as a named statement (messages added to `before` go first) and describes it. */
  async #prepare(text: string, options: QueryOptions | undefined, before: Uint8Array[]): Promise<Prepared> {
    if (this.#prepared.size >= MAX_PREPARED) {
      const [oldest] = this.#prepared.keys();
      this.#toClose.push(this.#prepared.get(oldest!)!.name);
      this.#prepared.delete(oldest!);
      this.#takeCloses(before);
    }
    const name = `fcd_${++this.#counter}`;
    const reply = await this.#exchange(
      [
        ...before.splice(0),
        serialize.parse({ name, text, types: options?.paramTypes }),
        serialize.describe({ type: "S", name }),
        SYNC,
      ],
      text,
      options,
    );
    let paramTypes: number[] = [];
    let fields: Field[] = [];
    for (const message of reply) {
      if (message instanceof messages.ParameterDescriptionMessage) paramTypes = message.dataTypeIDs;
      else if (message instanceof messages.RowDescriptionMessage)
        fields = message.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    }
    const prepared = { name, paramTypes, fields };
    this.#prepared.set(text, prepared);
    return prepared;
  }

  /**
   * The parameter types PostgreSQL infers for `text` (asked once per text; each time when the
   * caller gives some of them, `paramTypes`, as PGlite's `query()` does).
   */
  async #describe(text: string, options: QueryOptions | undefined, before: Uint8Array[]): Promise<number[]> {
    const given = options?.paramTypes;
    const known = given ? undefined : this.#paramTypes.get(text);
    if (known) return known;
    const reply = await this.#exchange(
      [...before.splice(0), serialize.parse({ text, types: given }), serialize.describe({ type: "S" }), SYNC],
      text,
      options,
    );
    const description = reply.find((m) => m instanceof messages.ParameterDescriptionMessage);
    const types = description ? (description as InstanceType<typeof messages.ParameterDescriptionMessage>).dataTypeIDs : [];
    if (given) return types;
    if (this.#paramTypes.size >= MAX_TEXTS) this.#paramTypes.delete(this.#paramTypes.keys().next().value!);
    this.#paramTypes.set(text, types);
    return types;
  }

  async #exchange(parts: Uint8Array[], text: string, options: QueryOptions | undefined): Promise<BackendMessage[]> {
    try {
      return await this.pglite.execProtocolStream(concat(parts), { syncToFs: false, onNotice: options?.onNotice });
    } catch (err) {
      throw withQuery(err, text, undefined, options);
    }
  }

  /** Values as PGlite's `query()` sends them: each by its parameter type's serializer, as text. */
  #values(params: unknown[], types: number[], options: QueryOptions | undefined): (string | null)[] {
    const serializers = this.pglite.serializers;
    return params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = types[i]!;
      const serializer = options?.serializers?.[oid] ?? serializers[oid];
      return serializer ? (serializer(param) as string) : String(param);
    });
  }

  /** A script by the simple protocol, results as PGlite's `exec()` gives them. */
  #exec(text: string, options: QueryOptions | undefined): Promise<Results[]> {
    return this.pglite._runExclusiveQuery(async () => {
      const parts: Uint8Array[] = [];
      this.#takeCloses(parts);
      const began = this.#inTransaction && this.#beginPending;
      if (began) parts.push(serialize.query("BEGIN"));
      this.#beginPending = false;
      parts.push(serialize.query(text), SYNC);
      let reply: BackendMessage[];
      try {
        reply = await this.pglite.execProtocolStream(concat(parts), { syncToFs: false, onNotice: options?.onNotice });
      } catch (err) {
        throw withQuery(err, text, undefined, options);
      }
      if (!this.#inTransaction) await this.pglite.syncToFs();
      // The script's results, as PGlite's exec() gives them: not BEGIN's, when it went with it.
      const sets = this.#resultSets(reply, undefined, options);
      return began && sets.length > 1 ? sets.slice(1) : sets;
    });
  }

  #results<T>(reply: BackendMessage[], fields: Field[] | undefined, options: QueryOptions | undefined): Results<T> {
    // The statement's own results follow BEGIN's, when it went with it.
    const sets = this.#resultSets(reply, fields, options);
    return sets[sets.length - 1] as Results<T>;
  }

  /** PGlite's parseResults (src/parse.ts) over the reply, with the row description known or sent. */
  #resultSets(reply: BackendMessage[], known: Field[] | undefined, options: QueryOptions | undefined): Results[] {
    const sets: Results[] = [];
    const parsers = this.pglite.parsers;
    const own = options?.parsers;
    const arrays = options?.rowMode === "array";
    let fields: Field[] = known ?? [];
    let rows: Row[] = [];
    let affectedRows = 0;
    for (const message of reply) {
      if (message instanceof messages.DataRowMessage) {
        const values = message.fields;
        const row: Row = arrays ? new Array<unknown>(values.length) : {};
        for (let i = 0; i < values.length; i++) {
          const raw = values[i] ?? null;
          const oid = fields[i]!.dataTypeID;
          const parser = raw === null ? undefined : (own?.[oid] ?? parsers[oid]);
          const value = raw === null ? null : parser ? parser(raw, oid) : raw;
          if (arrays) (row as unknown[])[i] = value;
          else (row as Record<string, unknown>)[fields[i]!.name] = value;
        }
        rows.push(row);
      } else if (message instanceof messages.RowDescriptionMessage) {
        fields = message.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
      } else if (message instanceof messages.CommandCompleteMessage) {
        const words = message.text.split(" ");
        const command = words[0]!;
        const rowCount = parseInt(words[words.length - 1]!, 10);
        if (["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"].includes(command)) affectedRows += rowCount;
        if (!KEEPS_CACHES.has(command)) this.#forget();
        const result: Results = { rows, fields, command, affectedRows };
        if (!Number.isNaN(rowCount)) result.rowCount = rowCount;
        sets.push(result);
        rows = [];
        fields = known ?? [];
      }
    }
    if (sets.length === 0) sets.push({ rows: [], fields: [], affectedRows: 0 });
    return sets;
  }

  /** Drops every cached statement (a statement may have changed a table): prepared again when used. */
  #forget(): void {
    for (const prepared of this.#prepared.values()) this.#toClose.push(prepared.name);
    this.#prepared.clear();
    this.#paramTypes.clear();
  }

  /** Close messages of the dropped named statements, to go first in the next message. */
  #takeCloses(parts: Uint8Array[]): void {
    for (const name of this.#toClose.splice(0)) parts.push(serialize.close({ type: "S", name }));
  }
}
