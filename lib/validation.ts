import { z } from "zod";
import { MAX_BODY_BYTES, URL_MAX } from "./input-limits";

/** Shared field schemas: one definition per kind of input, used by forms, actions and the API. */

export { MAX_BODY_BYTES, URL_MAX };

// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** PostgreSQL refuses NUL, and a lone surrogate would be silently altered: refuse both up front. */
export function isStorableText(value: string): boolean {
  return !CONTROL_CHARS.test(value) && !LONE_SURROGATE.test(value);
}

export const shortText = (label: string, max = 200) =>
  z
    .string({ message: `${label} must be text.` })
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .refine(isStorableText, `${label} cannot contain control characters or broken Unicode.`);

/** Multi-line free text (rationale, comments): line breaks and tabs allowed. */
export const longText = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text.` })
    .trim()
    .max(max, `${label} is at most ${max.toLocaleString("en-GB")} characters.`)
    .refine(isStorableText, `${label} cannot contain control characters or broken Unicode.`);

export const requiredText = (label: string, max = 200) => shortText(label, max).pipe(z.string().min(1, `${label} is required.`));

/** Optional text: "" and null mean "none". */
export const optionalText = (label: string, max = 200) =>
  z
    .union([shortText(label, max), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : v));

const SAFE_SCHEMES = new Set(["http:", "https:"]);

/** The WHATWG parse of an http(s) address with a host, or null. */
function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return SAFE_SCHEMES.has(url.protocol) && url.hostname ? url : null;
  } catch {
    return null;
  }
}

/**
 * http(s) only and at most 2,048 characters, stored as the WHATWG URL parser normalises it.
 * `javascript:`, `data:`, `vbscript:` and their encoded or mixed-case spellings fail because the
 * parser normalises the scheme first; spellings a browser reads as http(s) although they do not
 * start with `http(s)://` (`https:/\evil.example`, `http:evil.example/x`) are stored as the address
 * a browser would open (`https://evil.example/`), which is also what the database's check expects.
 */
export const httpUrl = (label = "URL") =>
  z
    .string({ message: `${label} must be text.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(URL_MAX, `${label} is at most ${URL_MAX.toLocaleString("en-GB")} characters.`)
    .transform((value, ctx) => {
      const url = parseHttpUrl(value);
      if (!url) {
        ctx.addIssue({ code: "custom", message: `${label} must be a web address starting with http:// or https://.` });
        return z.NEVER;
      }
      if (url.href.length > URL_MAX) {
        ctx.addIssue({
          code: "custom",
          message: `${label} is at most ${URL_MAX.toLocaleString("en-GB")} characters once spaces and the like are encoded.`,
        });
        return z.NEVER;
      }
      return url.href;
    });

// Not a union: when every branch fails, a zod union reports "Invalid input" and hides the URL's own
// message ("must be a web address starting with http:// or https://").
export const optionalHttpUrl = (label = "URL") =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), httpUrl(label).nullable().optional());

/** A calendar date, YYYY-MM-DD (a full ISO timestamp is cut to its date). */
export const isoDate = (label: string) =>
  z
    .string({ message: `${label} must be a date.` })
    .trim()
    .transform((v) => (/^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v))
    .refine(
      (v) =>
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      `${label} must be a date like 2024-12-04.`,
    );

export const optionalDate = (label: string) =>
  z
    .union([z.literal(""), z.null(), isoDate(label)])
    .optional()
    .transform((v) => (v === "" ? null : v));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: a malformed one is "not found", never a database error. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export const uuidParam = (label = "id") => z.uuid(`Unknown ${label}.`);

export const versionField = z.number({ message: "version must be the number of the version you edited." }).int().min(1);
