/**
 * Sizes that forms show as `maxLength` and the schemas (lib/validation.ts) enforce. Without zod, so
 * that browser code can read them without shipping the schemas.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The longest web address any form takes (`maxLength` of URL inputs). */
export const URL_MAX = 2048;
