import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Nothing else reads process.env
 * (apart from Next.js and Auth.js themselves, which read AUTH_SECRET / AUTH_URL directly).
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… to use a PostgreSQL server; unset for embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** Folder of the embedded database (git-ignored), or memory:// */
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().min(16).optional(),
  /** Demo users' password; the documented default is used outside production. */
  DEMO_PASSWORD: z.string().min(8).max(128).optional(),
  /** "1" creates demo users and the sample article on an empty database, even in production. */
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  ORG_NAME: z.string().min(1).default("Fact-check Desk"),
  ORG_URL: z.url().default("http://localhost:3000"),
  /** Base of the public report URLs (ClaimReview `url`). */
  PUBLIC_BASE_URL: z.url().optional(),
  /**
   * Tests only: "1" lets lib/net/safe-fetch.ts reach loopback addresses (a local test server).
   * Refused when NODE_ENV=production, so a deployed app can never be pointed at itself.
   */
  OUTBOUND_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
  /** "off" makes every outbound fetch (source checks, webhooks) fail at once without touching the network. */
  OUTBOUND_FETCH: z.enum(["on", "off"]).default("on"),
});

export type Env = z.infer<typeof schema>;

/** Validates a set of variables (exported so a test can show what production refuses). */
export function parseEnv(vars: Record<string, string | undefined>): Env {
  // An empty variable (`DATABASE_URL= npm test`) means unset, as in most shells' intent.
  const raw = Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== ""));
  const parsed = schema
    .refine((e) => !(e.NODE_ENV === "production" && e.OUTBOUND_ALLOW_LOOPBACK === "1"), {
      path: ["OUTBOUND_ALLOW_LOOPBACK"],
      message: "is a test-only setting and is refused when NODE_ENV=production",
    })
    .safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

export const DEFAULT_DEMO_PASSWORD = "factcheck-demo";

export function publicBaseUrl(): string {
  return (env.PUBLIC_BASE_URL ?? env.ORG_URL).replace(/\/+$/, "");
}
