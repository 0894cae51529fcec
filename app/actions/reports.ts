"use server";

import { revalidatePath } from "next/cache";
import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, runAction } from "@/lib/http/action";
import { requestOrigin } from "@/lib/http/request-origin";
import { type PublishResult, publishReport, unpublishReport } from "@/lib/reports/publish-report";

export async function publishReportAction(articleId: string, input: unknown): Promise<ActionResult<PublishResult>> {
  const actor = await getCurrentActor();
  const origin = await requestOrigin();
  const result = await runAction(() => publishReport(actor, String(articleId), input, { origin }));
  if (result.ok) revalidatePath(`/articles/${articleId}`);
  return result;
}

export async function unpublishReportAction(articleId: string): Promise<ActionResult<{ unpublished: number }>> {
  const actor = await getCurrentActor();
  const origin = await requestOrigin();
  const result = await runAction(() => unpublishReport(actor, String(articleId), { origin }));
  if (result.ok) revalidatePath(`/articles/${articleId}`);
  return result;
}
