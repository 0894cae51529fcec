import { AppError } from "../errors";
import { isUuid } from "../validation";

/**
 * An opaque page cursor: the last row's timestamp (to the microsecond, so that rows created in the
 * same millisecond are neither skipped nor repeated) and id, for `(created_at, id) < (…)` pages.
 */
export interface KeysetCursor {
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), "utf8").toString("base64url");
}

/** The cursor in `value`, or a 422 naming `field`. */
export function decodeKeysetCursor(value: string, field: string): KeysetCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" && AT.test(parsed[0]) && isUuid(parsed[1]))
      return { at: parsed[0], id: parsed[1] };
  } catch {
    /* not JSON: refused below */
  }
  throw new AppError("validation_failed", "That page link is not valid.", {
    [field]: "Use the `next` value of the previous page.",
  });
}
