import { closeDatabase } from "../database";
import { AppError } from "../errors";

/**
 * Runs a terminal command: known failures (bad input, a locked embedded database, an unreachable
 * server) print one clear message, never a stack trace; the database is always closed so the
 * process can exit.
 */
export async function runCli(main: () => Promise<number>): Promise<never> {
  let code = 1;
  try {
    code = await main();
  } catch (err) {
    if (err instanceof AppError) {
      const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `  ${k}: ${v}`);
      console.error([err.message, ...fields].join("\n"));
    } else if (err instanceof Error && (err.name === "DatabaseLockedError" || /ECONNREFUSED|connect/i.test(err.message))) {
      console.error(err.message);
    } else {
      console.error(err);
    }
  } finally {
    await closeDatabase().catch(() => {});
  }
  process.exit(code);
}
