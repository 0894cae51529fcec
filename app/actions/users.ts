"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, formToObject, serverAction } from "@/lib/http/action";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";

export async function createUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await serverAction(async (actor) => {
    await createUser(actor, formToObject(formData));
  }, "User created.");
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function updateUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await serverAction(async (actor) => {
    const raw = formToObject(formData);
    const input: Record<string, unknown> = { userId: raw.userId };
    if (raw.role !== undefined) input.role = raw.role;
    if (raw.disabled !== undefined) input.disabled = raw.disabled === "true";
    if (raw.password !== undefined) input.password = raw.password;
    await updateUser(actor, input);
  }, "Saved.");
  if (result.ok) revalidatePath("/admin");
  return result;
}
