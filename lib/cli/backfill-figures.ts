import { backfillClaimFigures } from "../claim-figures/backfill-claim-figures";
import { getDb } from "../database";
import { runCli } from "./run-cli";

// `npm run figures:backfill`: stores the figures of claims marked before figures were stored.
await runCli(async () => {
  const { examined, filled } = await backfillClaimFigures(await getDb());
  console.log(`Claims without stored figures: ${examined}; figures stored for ${filled} (the others state no figure).`);
  return 0;
});
