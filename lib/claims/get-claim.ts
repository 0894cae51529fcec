import "server-only";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import type { ClaimView } from "./claim-view";
import { loadClaimView } from "./claim-store";

export async function getClaim(actor: Actor | null, claimId: string): Promise<ClaimView> {
  await authorize(actor, "claim:read", { type: "claim", id: claimId });
  return loadClaimView(await getDb(), claimId);
}
