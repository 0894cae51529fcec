import { z } from "zod";

export const NOTIFICATIONS_MAX_LIMIT = 100;
export const NOTIFICATIONS_DEFAULT_LIMIT = 25;

const notificationId = z.coerce
  .number({ message: "Not a notification id." })
  .int("Not a notification id.")
  .positive("Not a notification id.")
  .max(Number.MAX_SAFE_INTEGER, "Not a notification id.");

/** Query-string values arrive as strings: numbers are coerced. */
export const listNotificationsSchema = z.strictObject({
  /** The `next` of the previous page: the id of its last (oldest) notification. */
  before: notificationId.optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_MAX_LIMIT).default(NOTIFICATIONS_DEFAULT_LIMIT),
  unread: z.enum(["1"]).optional(),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

export const notificationIdSchema = z.strictObject({ id: notificationId });

/** "Mark all as read": all up to the newest notification the reader was shown. */
export const markAllReadSchema = z.strictObject({ upTo: notificationId });
