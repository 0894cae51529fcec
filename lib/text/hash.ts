/** The hash of a revision's canonical body. Server only (node:crypto), so lib/text/canonical.ts stays browser-safe. */
import "server-only";
import { createHash } from "node:crypto";

/** Hex SHA-256 of the UTF-8 text: the stored hash of a revision's canonical body. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
