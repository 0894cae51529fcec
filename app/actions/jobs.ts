"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, formToObject, serverAction } from "@/lib/http/action";
import { retryFailedJob } from "@/lib/jobs/list-jobs";

export async function retryJobAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await serverAction((actor) => retryFailedJob(actor, formToObject(formData)), "Queued again.");
  if (result.ok) revalidatePath("/admin/jobs");
  return result;
}
