// Import first in a test file whose code fetches from a local test server: lib/env.ts reads this
// once, when first imported. Set per file, not in the vitest config, because child processes the
// other tests start with NODE_ENV=production would inherit it (and lib/env.ts rightly refuses it).
process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
