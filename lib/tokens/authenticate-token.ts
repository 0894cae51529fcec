import "server-only";
import { sql } from "drizzle-orm";
import type { ApiTokenScope } from "@/domain/vocabulary";
import { type Db, getQuickDb, prepareStatement, type PreparedStatement, rowsOf, statementCache } from "@/lib/database";
import type { Actor } from "../auth/permissions";
import { hashToken, isTokenShaped } from "./token-secret";

/**
 * The token's row and its user's, by the secret's hash, only while the token holds (not revoked or
 * expired, its user not disabled); and, in the same statement, last_used_at written at most once a
 * minute per token (a busy client must not write per request; that update waits at most for another
 * short write to the same token's row). One named statement of fixed text per database handle: it
 * rides the pool of short statements (lib/database.ts getQuickDb), in one round trip.
 */
const bearerStatements = statementCache<"bearer">();
function bearerStatement(db: Db): PreparedStatement {
  return bearerStatements(db, "bearer", () =>
    prepareStatement(
      db,
      "bearer_token",
      sql`with found as (
          select t.id::text as token_id, array_to_string(t.scopes, ' ') as scopes,
                 u.id::text as id, u.email, u.name, u.role
          from api_tokens t join users u on u.id = t.user_id
          where t.token_hash = ${sql.placeholder("hash")} and t.revoked_at is null and t.expires_at > now()
            and not u.disabled
        ), touched as (
          update api_tokens set last_used_at = now()
          where id = (select token_id::uuid from found)
            and (last_used_at is null or last_used_at < now() - interval '1 minute')
        )
        select token_id, scopes, id, email, name, role from found`,
    ),
  );
}

/**
 * The actor an `Authorization: Bearer …` header stands for, or null: unknown, revoked or expired
 * token, or a disabled user. Asked of the database on every request (no cache), so revoking a
 * token or disabling its user takes effect at once on every app instance.
 */
export async function actorForBearerToken(authorization: string | null): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !isTokenShaped(match[1]!)) return null;
  const db = await getQuickDb();
  const [row] = rowsOf<{ token_id: string; scopes: string; id: string; email: string; name: string; role: Actor["role"] }>(
    await bearerStatement(db).execute({ hash: hashToken(match[1]!) }),
  );
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    token: { id: row.token_id, scopes: (row.scopes ? row.scopes.split(" ") : []) as ApiTokenScope[] },
  };
}
