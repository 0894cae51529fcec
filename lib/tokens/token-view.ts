import { z } from "zod";
import { API_TOKEN_SCOPES, type ApiTokenScope } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

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

export const apiTokenViewSchema = viewSchema<ApiTokenView>()(
  z.object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(API_TOKEN_SCOPES)),
    prefix: z.string(),
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  }),
);

export function tokenState(t: { revokedAt: Date | null; expiresAt: Date }, now = Date.now()): ApiTokenView["state"] {
  if (t.revokedAt) return "revoked";
  return t.expiresAt.getTime() <= now ? "expired" : "active";
}
