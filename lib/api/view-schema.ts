import type { z } from "zod";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Mutually assignable and with the same keys (assignability alone forgives a missing optional field). */
type Matches<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;

/**
 * The zod schema of a view type that stays declared as a TypeScript interface (the OpenAPI
 * document describes responses with it): the schema's output must be exactly `T`, so a field added
 * to the interface and not to its schema, or the other way round, does not compile.
 *
 * `viewSchema<ClaimView>()(z.object({ … }))`
 */
export function viewSchema<T>() {
  return <S extends z.ZodType>(schema: S & (Matches<z.output<S>, T> extends true ? unknown : { outputIsNot: T })): S => schema;
}
