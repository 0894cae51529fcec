// Import first in a test file that sends more attempts from one address than the rate limits allow,
// to test something else (the per-account and per-address failure throttle of login): lib/env.ts
// reads this once, when first imported. tests/integration/rate-limits.test.ts tests the limits.
process.env.RATE_LIMIT = "off";
