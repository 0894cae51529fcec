import { z } from "zod";
import { API_TOKEN_SCOPES } from "@/domain/vocabulary";
import { requiredText } from "../validation";

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
/** Longest token name, in characters: the schema below and the form's `maxLength`. */
export const TOKEN_NAME_MAX = 100;

export const createTokenSchema = z.strictObject({
  name: requiredText("Name", TOKEN_NAME_MAX),
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES, { message: "Scopes are read, write, review and admin." }), {
      message: "Choose the token's scopes.",
    })
    .min(1, "Choose at least one scope.")
    .max(API_TOKEN_SCOPES.length)
    .transform((s) => [...new Set(s)]),
  expiresInDays: z.coerce
    .number({ message: "Expiry is a number of days." })
    .int("Expiry is a whole number of days.")
    .min(1, "A token lasts at least a day.")
    .max(TOKEN_MAX_DAYS, `A token lasts at most ${TOKEN_MAX_DAYS} days.`)
    .default(TOKEN_DEFAULT_DAYS),
  /** Admins only: a token for another user (a service account). */
  userId: z.uuid("Choose a user.").optional(),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;
