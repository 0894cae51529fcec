import { AppError } from "../errors";
import { FILE_TOO_LARGE } from "../http/cross-site";
import { MAX_BODY_BYTES } from "../validation";
import { type ArticleFormat, formatFromFilename } from "./schemas";

/**
 * Turns an uploaded file into text and a format. Oversized, binary or non-UTF-8 files are refused
 * with a message on the `file` field before anything is stored.
 */
export function decodeUpload(bytes: Uint8Array, filename: string): { body: string; format: ArticleFormat } {
  const format = formatFromFilename(filename);
  if (!format)
    throw new AppError("validation_failed", "Upload a .txt, .md or .html file.", { file: "Upload a .txt, .md or .html file." });
  if (bytes.byteLength === 0) throw new AppError("validation_failed", "The file is empty.", { file: "The file is empty." });
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new AppError("validation_failed", FILE_TOO_LARGE, { file: FILE_TOO_LARGE });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("validation_failed", "The file is not UTF-8 text (is it a binary file?).", {
      file: "The file is not UTF-8 text (is it a binary file?).",
    });
  }
  if (text.includes("\u0000")) {
    throw new AppError("validation_failed", "The file looks binary, not text.", { file: "The file looks binary, not text." });
  }
  return { body: text.replace(/^\uFEFF/, ""), format };
}
