import { z } from "zod";
import type { Role, UserRow } from "@/db/schema/users";
import { ROLES } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

/** What leaves the data layer about a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const userViewSchema = viewSchema<UserView>()(
  z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
    createdAt: z.string(),
  }),
);

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
  };
}
