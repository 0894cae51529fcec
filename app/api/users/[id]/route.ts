import { apiRoute, json, readJson } from "@/lib/http/api";
import { updateUser } from "@/lib/users/update-user";

export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const body = await readJson(request);
  const user = await updateUser(actor, { ...(body && typeof body === "object" ? body : {}), userId: params.id });
  return json({ user });
});
