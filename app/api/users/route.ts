import { apiRoute, json, readJson } from "@/lib/http/api";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const GET = apiRoute(async ({ actor }) => json({ users: await listUsers(actor) }));

export const POST = apiRoute(async ({ actor, request }) => {
  const user = await createUser(actor, await readJson(request));
  return json({ user }, 201);
});
