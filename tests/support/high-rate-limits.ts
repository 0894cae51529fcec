// Import first in tests/integration/rate-limit-leases.test.ts: limits far above what its requests
// reach, so that a busy client makes the instance reserve counts ahead (lib/security/count-leases.ts).
// lib/env.ts reads these once, when first imported (each test file has its own module registry).
export const HIGH_LIMITS = { perToken: 100_000, perUser: 100_000, perIp: 200_000, windowSeconds: 60 } as const;
process.env.RATE_LIMIT = "on";
process.env.RATE_LIMIT_PER_TOKEN = String(HIGH_LIMITS.perToken);
process.env.RATE_LIMIT_PER_USER = String(HIGH_LIMITS.perUser);
process.env.RATE_LIMIT_PER_IP = String(HIGH_LIMITS.perIp);
process.env.RATE_LIMIT_WINDOW_SECONDS = String(HIGH_LIMITS.windowSeconds);
