import { closeDatabase } from "../../db/client";
import { seedDemo } from "../../db/seed";

try {
  const result = await seedDemo();
  console.log(result.seeded ? "Demo users and the sample article were created." : `No demo data created: ${result.reason}.`);
} finally {
  await closeDatabase();
}
