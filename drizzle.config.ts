import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied by db/migrate.ts on both drivers.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
