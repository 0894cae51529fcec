import { z } from "zod";
import { ROLES } from "@/domain/vocabulary";
import { PASSWORD_MAX, PASSWORD_MIN } from "./limits";

export const emailSchema = z
  .string()
  .trim()
  .min(3, "Enter an e-mail address.")
  .max(254, "E-mail addresses are at most 254 characters.")
  .email("Enter a valid e-mail address.")
  .transform((v) => v.toLowerCase());

/** Any characters, taken whole (no truncation, no composition rules: ASVS 6.2). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Passwords have at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Passwords have at most ${PASSWORD_MAX} characters.`);

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(200, "Names are at most 200 characters.")
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Names cannot contain control characters.");

export const roleSchema = z.enum(ROLES, { message: "Choose editor, reviewer or admin." });

export const createUserSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  userId: z.uuid("Unknown user."),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
  name: nameSchema.optional(),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase()),
  password: z.string().max(1024),
});
