import { closeDatabase, getDatabase } from "../../db/client";

// getDatabase() applies the committed migrations on either driver.
try {
  const handle = await getDatabase();
  console.log(`Migrations applied (${handle.driver}).`);
} finally {
  await closeDatabase();
}
