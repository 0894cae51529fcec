import "server-only";
import { eq } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import { type Actor, scopesAllowedFor } from "../auth/permissions";
import { AppError, forbidden, notFound, parseInput } from "../errors";
import { createTokenSchema } from "./schemas";
import { hashToken, newTokenSecret } from "./token-secret";
import { type ApiTokenView, tokenState } from "./token-view";

/**
 * Creates an API token for the actor (or, for an admin, for another user: a service account).
 * The secret is returned once and only its hash is kept. Scopes may not exceed what the token's
 * user's role allows. Tokens are made from a signed-in session only, never by another token.
 */
export async function createApiToken(actor: Actor | null, input: unknown): Promise<{ token: ApiTokenView; secret: string }> {
  const user = await authorize(actor, "article:read", { type: "api_token" });
  if (user.token) throw forbidden("API tokens are created from a signed-in session, not with another token.");
  const data = parseInput(createTokenSchema, input);
  const ownerId = data.userId ?? user.id;
  if (ownerId !== user.id) await authorize(user, "user:manage", { type: "api_token" });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, ownerId));
    if (!owner) throw notFound("That user");
    if (owner.disabled) throw new AppError("validation_failed", "That user is disabled.", { userId: "That user is disabled." });
    const allowed = scopesAllowedFor(owner.role);
    const excess = data.scopes.filter((s) => !allowed.includes(s));
    if (excess.length) {
      const message = `A ${owner.role}'s token may have ${allowed.join(", ")}; not ${excess.join(", ")}.`;
      throw new AppError("validation_failed", message, { scopes: message });
    }
    const secret = newTokenSecret();
    const expiresAt = new Date(Date.now() + data.expiresInDays * 86_400_000);
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: owner.id,
        name: data.name,
        scopes: data.scopes,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, 10),
        createdBy: user.id,
        expiresAt,
      })
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "token.create",
      targetType: "api_token",
      targetId: row!.id,
      after: { name: data.name, scopes: data.scopes, userId: owner.id, expiresAt: expiresAt.toISOString() },
    });
    return {
      secret,
      token: {
        id: row!.id,
        name: row!.name,
        scopes: data.scopes,
        prefix: row!.prefix,
        user: { id: owner.id, name: owner.name, email: owner.email },
        createdAt: row!.createdAt.toISOString(),
        expiresAt: row!.expiresAt.toISOString(),
        lastUsedAt: null,
        revokedAt: null,
        state: tokenState(row!),
      },
    };
  });
}
