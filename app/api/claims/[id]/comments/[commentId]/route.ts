import { apiRoute, json, readJson } from "@/lib/http/api";
import { editComment } from "@/lib/workflow/edit-comment";

type Params = { id: string; commentId: string };

export const PATCH = apiRoute<Params>(async ({ actor, params, request }) =>
  json({ comment: await editComment(actor, params.id, params.commentId, await readJson(request)) }),
);
