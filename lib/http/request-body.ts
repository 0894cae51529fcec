import { AppError } from "../errors";

/** A 2 MB article plus JSON escaping fits; anything bigger is refused before parsing. */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

/** A request's body as text, refused (400) over MAX_REQUEST_BYTES. */
export async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) throw new AppError("bad_request", "The request body is larger than 3 MB.");
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_REQUEST_BYTES)
    throw new AppError("bad_request", "The request body is larger than 3 MB.");
  return text;
}
