import "server-only";
import crypto from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { idempotencyKeys } from "@/db/schema";
import { getDb } from "@/lib/database";
import { AppError } from "../errors";
import { readBodyText } from "./request-body";

/** How long a key is remembered: a retry within this time replays the first answer. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/**
 * Longer than any request runs (the pool's acquire wait plus statement timeouts are seconds): a key
 * still "in progress" after this belongs to a process that died before it answered.
 */
export const IDEMPOTENCY_INTERRUPTED_AFTER_MS = 5 * 60_000;

/** Visible ASCII, as the header is usually a UUID or similar. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const FIELD = "Idempotency-Key";

/**
 * Runs a POST at most once per user and `Idempotency-Key`, so a client that lost the answer of a
 * committed write can send it again without writing twice:
 * - first use: the key is recorded with a hash of the request before `handle` runs, and the answer
 *   (status and body) after; a 5xx or a thrown error frees the key again (nothing was written);
 * - same key, same request: the recorded answer is replayed (`Idempotent-Replayed: true`);
 * - same key, another request (method, path, query or body): 422;
 * - same key while the first request is still running: 409.
 * Keys expire after IDEMPOTENCY_KEY_HOURS. A process that dies between the write and recording
 * its answer leaves the key taken until then: never a second write. After
 * IDEMPOTENCY_INTERRUPTED_AFTER_MS the 409 says so (the write may or may not have been saved), so
 * a client does not wait for an answer that will never come.
 */
export async function withIdempotencyKey(
  request: Request,
  userId: string,
  key: string,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> {
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("bad_request", "The Idempotency-Key header is 1 to 255 visible ASCII characters.", {
      [FIELD]: "Use 1 to 255 visible ASCII characters, e.g. a UUID.",
    });
  }
  const body = await readBodyText(request);
  const url = new URL(request.url);
  const requestHash = crypto.createHash("sha256").update(`${request.method} ${url.pathname}${url.search}\n${body}`).digest("hex");
  const db = await getDb();
  const now = new Date();
  // This user's expired keys go first, so a key can be used again once its day is over.
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), lt(idempotencyKeys.expiresAt, now)));
  const [claimed] = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash, expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_HOURS * 3_600_000) })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });

  if (!claimed) {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (row && row.requestHash !== requestHash) {
      throw new AppError("unprocessable", "This Idempotency-Key was already used for a different request.", {
        [FIELD]: "Use a new key for a new request.",
      });
    }
    if (row && row.status === null && now.getTime() - row.createdAt.getTime() > IDEMPOTENCY_INTERRUPTED_AFTER_MS) {
      throw new AppError(
        "conflict",
        `The first request with this Idempotency-Key (${row.createdAt.toISOString()}) was interrupted before it answered: it may or may not have been saved. Check, then send the request with a new key.`,
        { [FIELD]: "Interrupted: check whether the first request was saved, then use a new key." },
      );
    }
    if (!row || row.status === null) {
      throw new AppError("conflict", "A request with this Idempotency-Key is still being processed. Try again in a moment.");
    }
    return new Response(row.responseBody, {
      status: row.status,
      headers: {
        "Content-Type": row.contentType ?? "application/json",
        "Cache-Control": "no-store",
        "Idempotent-Replayed": "true",
      },
    });
  }

  const free = () => db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, claimed.id));
  let response: Response;
  try {
    response = await handle(new Request(request.url, { method: request.method, headers: request.headers, body }));
  } catch (err) {
    await free();
    throw err;
  }
  if (response.status >= 500) {
    await free();
    return response;
  }
  await db
    .update(idempotencyKeys)
    .set({
      status: response.status,
      contentType: response.headers.get("content-type"),
      responseBody: await response.clone().text(),
    })
    .where(eq(idempotencyKeys.id, claimed.id));
  return response;
}
