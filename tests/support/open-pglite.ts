// Child process for the lock test: opens the embedded database in argv[2] and holds it until stdin closes.
import { openPglite } from "../../db/client";

const dir = process.argv[2]!;
try {
  const handle = await openPglite(dir);
  console.log("OPENED");
  process.stdin.resume();
  process.stdin.on("end", async () => {
    await handle.close();
    process.exit(0);
  });
} catch (err) {
  console.log(`REFUSED ${(err as Error).message}`);
  process.exit(3);
}
