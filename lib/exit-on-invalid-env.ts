/**
 * Called once by instrumentation.ts when the server starts (Node.js runtime only; its own module
 * so that the Edge build of the hook does not see `process.exit`): an invalid environment
 * (lib/env.ts: a malformed value, single sign-on half configured) stops the server there, with the
 * list of what is wrong, rather than failing every request later.
 */
export async function exitOnInvalidEnv(): Promise<void> {
  try {
    await import("./env");
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
