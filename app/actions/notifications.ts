"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, formToObject, serverAction } from "@/lib/http/action";
import { markAllNotificationsRead } from "@/lib/notifications/mark-all-notifications-read";
import { markNotificationRead } from "@/lib/notifications/mark-notification-read";

// Server actions are public endpoints: lib/ validates the input and checks that each notification
// is the reader's own (another user's answers 404).

/** Opens a notification: marks it read and goes to its claim. */
export async function openNotificationAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await serverAction((actor) => markNotificationRead(actor, formData.get("id")));
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect(result.data!.href);
}

export async function markNotificationReadAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await serverAction((actor) => markNotificationRead(actor, formData.get("id")), "Marked as read.");
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function markAllNotificationsReadAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await serverAction((actor) => markAllNotificationsRead(actor, formToObject(formData)), "All marked as read.");
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
