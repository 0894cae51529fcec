import { sql } from "drizzle-orm";

/**
 * A vocabulary list as SQL literals for a CHECK constraint: `'a', 'b'`. The words come from
 * domain/vocabulary.ts (constants in the code, never user input), so inlining them is safe.
 */
export const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
