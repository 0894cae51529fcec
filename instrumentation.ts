/**
 * Next.js calls register() once when a server process starts. The background job runner starts
 * here, in the Node.js runtime only, and never while `next build` collects pages (NEXT_PHASE):
 * a build must not open the database or run jobs. Both variables are Next.js's own.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // An invalid environment (lib/env.ts: a malformed value, single sign-on half configured) stops
  // the server here, at start, with the list of what is wrong, rather than failing every request.
  try {
    await import("./lib/env");
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  const { bootJobs } = await import("./lib/jobs/boot-jobs");
  await bootJobs();
}
