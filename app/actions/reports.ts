"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, serverAction } from "@/lib/http/action";
import { requestOrigin } from "@/lib/http/request-origin";
import { type PublishResult, publishReport } from "@/lib/reports/publish-report";
import { unpublishReport } from "@/lib/reports/unpublish-report";

export async function publishReportAction(articleId: string, input: unknown): Promise<ActionResult<PublishResult>> {
  const result = await serverAction(async (actor) =>
    publishReport(actor, String(articleId), input, { origin: await requestOrigin() }),
  );
  if (result.ok) revalidatePath(`/articles/${articleId}`);
  return result;
}

export async function unpublishReportAction(articleId: string): Promise<ActionResult<{ unpublished: number }>> {
  const result = await serverAction(async (actor) =>
    unpublishReport(actor, String(articleId), { origin: await requestOrigin() }),
  );
  if (result.ok) revalidatePath(`/articles/${articleId}`);
  return result;
}
