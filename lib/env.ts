import { z } from "zod";
import { ROLES } from "@/domain/vocabulary";

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
  /**
   * Connections of their own for the short statements every API request starts with (the session
   * or token check, with its rate-limit count) and the health probe, pipelined (db/postgres.ts); 0:
   * they share DATABASE_POOL_MAX's pool.
   */
  DATABASE_QUICK_POOL_MAX: z.coerce.number().int().min(0).max(20).default(2),
  AUTH_SECRET: z.string().min(16).optional(),
  /** Demo users' password; the documented default is used outside production. */
  DEMO_PASSWORD: z.string().min(8).max(128).optional(),
  /** "1" creates demo users and the sample article on an empty database, even in production. */
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  ORG_NAME: z.string().min(1).default("Fact-check Desk"),
  /** The organisation's home page (ClaimReview author.url); unset: the desk's own public base. */
  ORG_URL: z.url().optional(),
  /** Base of the public report URLs (ClaimReview `url`); unset: ORG_URL, else the request's origin. */
  PUBLIC_BASE_URL: z.url().optional(),
  /**
   * Tests only: "1" lets lib/net/safe-fetch.ts reach loopback addresses (a local test server).
   * Refused when NODE_ENV=production, so a deployed app can never be pointed at itself.
   */
  OUTBOUND_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0"),
  /** "off" makes every outbound fetch (source checks, webhooks) fail at once without touching the network. */
  OUTBOUND_FETCH: z.enum(["on", "off"]).default("on"),
  /** The port the app serves on (`npm run demo`, `next start`): the last resort for public links. */
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** "off": the Next.js server does not run background jobs (another process or instance does). */
  JOBS_RUNNER: z.enum(["on", "off"]).default("on"),
  /** How often an idle worker asks the queue for work. */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** How often the scheduler looks for cron jobs to send (pg-boss: 1–45). */
  JOBS_CRON_MONITOR_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
  /** Connections of the job queue's own pool (PostgreSQL only). */
  JOBS_POOL_MAX: z.coerce.number().int().min(1).max(20).default(3),
  /** Cron (UTC) of the sweep that re-checks sources; default daily 03:17. */
  JOBS_SOURCE_SWEEP_CRON: z.string().min(9).default("17 3 * * *"),
  /** Cron (UTC) of the job that marks claims due for re-check; default daily 04:07. */
  JOBS_RECHECK_CRON: z.string().min(9).default("7 4 * * *"),
  /** A source whose last check is older than this is checked again by the sweep. */
  SOURCE_RECHECK_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** "off": no rate limits at all (load benchmarks); docs/api.md, "Rate limits". */
  RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  /** Length of the fixed window the limits below count in. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** API requests per window with one API token. */
  RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(300),
  /** API requests per window by one user, over all their tokens and sessions. */
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(600),
  /** API requests per window from one client address, over all users and none. */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(1200),
  /** Login attempts per window from one client address, over all accounts. */
  RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Single sign-on (docs/api.md §Single sign-on): all four of issuer, id, secret and domains, or none. */
  OIDC_ISSUER: z
    .url()
    .refine(
      (v) => /^https:/i.test(v) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i.test(v),
      "must be an https:// address (http:// only for a provider on this machine)",
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Comma-separated e-mail domains whose users may sign in with SSO (`newsroom.example, bureau.example`). */
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be domain names"))
        .min(1, "must name at least one domain"),
    )
    .optional(),
  /** Role given to a user whom SSO creates on their first sign-in; admins change it on /admin. */
  OIDC_DEFAULT_ROLE: z.enum(ROLES).default("editor"),
  /** What the login button calls the provider: "Sign in with <OIDC_NAME>". */
  OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
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
    .superRefine(requireWholeOidc(raw))
    .safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Any single sign-on variable set makes the four that it cannot work without required. */
function requireWholeOidc(raw: Record<string, unknown>) {
  const required = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ALLOWED_DOMAINS"] as const;
  const all: readonly string[] = [...required, "OIDC_DEFAULT_ROLE", "OIDC_NAME"];
  return (_: unknown, ctx: z.RefinementCtx) => {
    const given = Object.keys(raw).filter((k) => all.includes(k));
    if (given.length === 0) return;
    for (const name of required) {
      if (raw[name] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `is required for single sign-on (set: ${given.join(", ")}); set all of ${required.join(", ")} or none`,
        });
      }
    }
  };
}

export const env: Env = parseEnv(process.env);

/** The single sign-on provider's settings, or null when the desk has none (password login only). */
export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: readonly string[];
  defaultRole: Env["OIDC_DEFAULT_ROLE"];
  name: string;
}

export function ssoSettings(e: Env = env): SsoSettings | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET || !e.OIDC_ALLOWED_DOMAINS) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    allowedDomains: e.OIDC_ALLOWED_DOMAINS,
    defaultRole: e.OIDC_DEFAULT_ROLE,
    name: e.OIDC_NAME,
  };
}

export const DEFAULT_DEMO_PASSWORD = "factcheck-demo";

/**
 * Where the public report pages live: PUBLIC_BASE_URL or ORG_URL when set, otherwise the origin
 * the request came to (`origin`), otherwise this server's own port. Never a port nobody listens
 * on, which a fixed default (`http://localhost:3000`) was for `PORT=4310 npm run demo`.
 */
export function publicBaseUrl(origin?: string | null): string {
  return (env.PUBLIC_BASE_URL ?? env.ORG_URL ?? origin ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** The fact-checking organisation's URL (ClaimReview author.url): ORG_URL, else the desk itself. */
export function organizationUrl(origin?: string | null): string {
  return env.ORG_URL ?? new URL(publicBaseUrl(origin)).origin;
}
