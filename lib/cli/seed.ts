import { seedDemo } from "../demo/seed-demo";
import { runCli } from "./run-cli";

await runCli(async () => {
  const result = await seedDemo();
  console.log(result.seeded ? "Demo users and the sample article were created." : `No demo data created: ${result.reason}.`);
  return 0;
});
