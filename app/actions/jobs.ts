"use server";

import { revalidatePath } from "next/cache";
import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, formToObject, runAction } from "@/lib/http/action";
import { retryFailedJob } from "@/lib/jobs/list-jobs";

export async function retryJobAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await getCurrentActor();
  const result = await runAction(() => retryFailedJob(actor, formToObject(formData)), "Queued again.");
  if (result.ok) revalidatePath("/admin/jobs");
  return result;
}
