"use server";

import { revalidatePath } from "next/cache";
import { getCurrentActor } from "@/lib/auth/current-user";
import { type ActionResult, formToObject, runAction } from "@/lib/http/action";
import { createUser, updateUser } from "@/lib/users/manage-users";

export async function createUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await getCurrentActor();
  const result = await runAction(async () => {
    await createUser(actor, formToObject(formData) as never);
  }, "User created.");
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function updateUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const actor = await getCurrentActor();
  const result = await runAction(async () => {
    const raw = formToObject(formData);
    const input: Record<string, unknown> = { userId: raw.userId };
    if (raw.role !== undefined) input.role = raw.role;
    if (raw.disabled !== undefined) input.disabled = raw.disabled === "true";
    if (raw.password !== undefined) input.password = raw.password;
    await updateUser(actor, input as never);
  }, "Saved.");
  if (result.ok) revalidatePath("/admin");
  return result;
}
