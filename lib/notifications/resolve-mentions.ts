import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Tx } from "@/lib/database";
import { users } from "@/db/schema";
import { mentionTokens, resolveMentionTokens } from "./mentions";

/** Same as `squash` in ./mentions.ts, in SQL: only a filter, the final match is made there. */
const squashed = (column: unknown) => sql`lower(regexp_replace(${column}, '[[:space:]._-]+', '', 'g'))`;

/**
 * The active users a comment mentions (./mentions.ts says how a mention names a user). Reads only
 * the users whose e-mail local part, first name or squashed name equals one of the mentions.
 */
export async function resolveMentions(tx: Tx, body: string): Promise<{ id: string; name: string }[]> {
  const tokens = mentionTokens(body);
  if (tokens.length === 0) return [];
  const candidates = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        or(
          inArray(squashed(sql`split_part(${users.email}, '@', 1)`), tokens),
          inArray(squashed(sql`split_part(btrim(${users.name}), ' ', 1)`), tokens),
          inArray(squashed(users.name), tokens),
        ),
      ),
    )
    // Two mentions × a few namesakes each; the bound only guards against a pathological table.
    .limit(200);
  return resolveMentionTokens(tokens, candidates).map(({ id, name }) => ({ id, name }));
}
