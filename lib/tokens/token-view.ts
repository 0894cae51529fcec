import type { ApiTokenScope } from "@/domain/vocabulary";

/** A token as lists show it: never its secret or hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  prefix: string;
  user: { id: string; name: string; email: string };
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: "active" | "expired" | "revoked";
}

export function tokenState(t: { revokedAt: Date | null; expiresAt: Date }, now = Date.now()): ApiTokenView["state"] {
  if (t.revokedAt) return "revoked";
  return t.expiresAt.getTime() <= now ? "expired" : "active";
}
