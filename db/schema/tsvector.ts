import { customType } from "drizzle-orm/pg-core";

/**
 * PostgreSQL's full-text document type. The desk's tsvector columns are generated (stored) from
 * the text columns beside them, so every writer keeps them current without knowing about search.
 */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});
