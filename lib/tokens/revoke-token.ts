import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import { type Actor, can } from "../auth/permissions";
import { notFound } from "../errors";
import { isUuid } from "../validation";

/**
 * Revokes a token at once: every request checks the token row, so the next request with it is
 * refused on every app instance. One's own tokens; an admin any. Revoking twice is a no-op.
 */
export async function revokeApiToken(actor: Actor | null, tokenId: string): Promise<{ revoked: string }> {
  const user = await authorize(actor, "article:read", { type: "api_token", id: tokenId });
  if (!isUuid(tokenId)) throw notFound("That token");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [token] = await tx
      .select({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .for("update");
    if (!token || (token.userId !== user.id && !can(user, "user:manage"))) throw notFound("That token");
    if (token.revokedAt) return { revoked: token.id };
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, {
      actorId: user.id,
      action: "token.revoke",
      targetType: "api_token",
      targetId: token.id,
      meta: { name: token.name, userId: token.userId },
    });
    return { revoked: token.id };
  });
}
