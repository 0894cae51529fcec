import "server-only";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { ApiTokenScope } from "@/domain/vocabulary";
import { apiTokens, users } from "@/db/schema";
import { getDb } from "@/lib/database";
import type { Actor } from "../auth/permissions";
import { hashToken, isTokenShaped } from "./token-secret";

/** last_used_at is written at most this often per token: a busy client must not write per request. */
const LAST_USED_GRANULARITY = sql`interval '1 minute'`;

/**
 * The actor an `Authorization: Bearer …` header stands for, or null: unknown, revoked or expired
 * token, or a disabled user. Asked of the database on every request (no cache), so revoking a
 * token or disabling its user takes effect at once on every app instance.
 */
export async function actorForBearerToken(authorization: string | null): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !isTokenShaped(match[1]!)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(match[1]!)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
        eq(users.disabled, false),
      ),
    );
  if (!row) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - ${LAST_USED_GRANULARITY}`)),
      ),
    );
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    token: { id: row.tokenId, scopes: row.scopes as ApiTokenScope[] },
  };
}
