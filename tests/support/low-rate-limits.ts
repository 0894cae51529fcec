// Import first in tests/integration/rate-limits.test.ts: small limits, so that a handful of
// requests reaches them. lib/env.ts reads these once, when first imported (each test file has its
// own module registry, so other files keep the defaults).
export const LOW_LIMITS = { perToken: 3, perUser: 5, perIp: 8, loginPerIp: 4, windowSeconds: 60 } as const;
process.env.RATE_LIMIT = "on";
process.env.RATE_LIMIT_PER_TOKEN = String(LOW_LIMITS.perToken);
process.env.RATE_LIMIT_PER_USER = String(LOW_LIMITS.perUser);
process.env.RATE_LIMIT_PER_IP = String(LOW_LIMITS.perIp);
process.env.RATE_LIMIT_LOGIN_PER_IP = String(LOW_LIMITS.loginPerIp);
process.env.RATE_LIMIT_WINDOW_SECONDS = String(LOW_LIMITS.windowSeconds);
