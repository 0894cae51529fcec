import { apiRoute, json, readJson } from "@/lib/http/api";
import { createUser, listUsers } from "@/lib/users/manage-users";

export const GET = apiRoute(async ({ actor }) => json({ users: await listUsers(actor) }));

export const POST = apiRoute(async ({ actor, request }) => {
  const user = await createUser(actor, await readJson(request));
  return json({ user }, 201);
});
