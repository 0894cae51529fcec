import { getDatabase } from "../database";
import { runCli } from "./run-cli";

// getDatabase() applies the committed migrations on either driver.
await runCli(async () => {
  const handle = await getDatabase();
  console.log(`Migrations applied (${handle.driver}).`);
  return 0;
});
