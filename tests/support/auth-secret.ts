// Import first in a test file whose code needs AUTH_SECRET (webhook secrets are encrypted with a
// key derived from it): lib/env.ts reads it once, when first imported.
process.env.AUTH_SECRET ??= "integration-tests-auth-secret-not-for-production";
