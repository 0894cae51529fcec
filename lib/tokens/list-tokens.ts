import "server-only";
import { desc, eq } from "drizzle-orm";
import type { ApiTokenScope } from "@/domain/vocabulary";
import { apiTokens, users } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import { type Actor, can } from "../auth/permissions";
import { type ApiTokenView, tokenState } from "./token-view";

const LIST_LIMIT = 500;

/** The actor's own tokens; an admin's list has every user's. Newest first; no secrets. */
export async function listApiTokens(actor: Actor | null): Promise<ApiTokenView[]> {
  const user = await authorize(actor, "article:read", { type: "api_token" });
  const db = await getDb();
  const rows = await db
    .select({ token: apiTokens, userName: users.name, userEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(can(user, "user:manage") ? undefined : eq(apiTokens.userId, user.id))
    .orderBy(desc(apiTokens.createdAt))
    .limit(LIST_LIMIT);
  return rows.map(({ token: t, userName, userEmail }) => ({
    id: t.id,
    name: t.name,
    scopes: t.scopes as ApiTokenScope[],
    prefix: t.prefix,
    user: { id: t.userId, name: userName, email: userEmail },
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    state: tokenState(t),
  }));
}
