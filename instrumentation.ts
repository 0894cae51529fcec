/**
 * Next.js calls register() once when a server process starts. The background job runner starts
 * here, in the Node.js runtime only, and never while `next build` collects pages (NEXT_PHASE):
 * a build must not open the database or run jobs. Both variables are Next.js's own.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // An invalid environment stops the server here, at start, with the list of what is wrong.
  const { exitOnInvalidEnv } = await import("./lib/exit-on-invalid-env");
  await exitOnInvalidEnv();
  const { bootJobs } = await import("./lib/jobs/boot-jobs");
  await bootJobs();
}
