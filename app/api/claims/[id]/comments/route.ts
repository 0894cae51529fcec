import { apiRoute, json, readJson } from "@/lib/http/api";
import { addComment } from "@/lib/workflow/add-comment";
import { listComments } from "@/lib/workflow/list-comments";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) =>
  json({ comments: await listComments(actor, params.id) }),
);

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json({ comment: await addComment(actor, params.id, await readJson(request)) }, 201),
);
