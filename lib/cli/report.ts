import fs from "node:fs";
import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../auth/system-actor";
import { exportReport } from "../reports/export-report";
import { REPORT_FORMATS } from "../reports/types";
import { runCli } from "./run-cli";

const USAGE = `Write an article's fact-check report to a file (the same files as the Export menu).

  npm run report -- --article <id|slug> --format md|html|pdf|csv|json|jsonld [--variant public|internal] [--out FILE]

Without --out the report goes to standard output (text formats) or to the file name the app would
give it (PDF). --variant internal includes claims still in draft or review, and internal sources.`;

const { values } = parseArgs({
  options: {
    article: { type: "string" },
    format: { type: "string", default: "md" },
    variant: { type: "string", default: "public" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

await runCli(async () => {
  if (values.help || !values.article) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!(values.format! in REPORT_FORMATS)) {
    console.error(`Unknown format ${values.format}. Use one of: ${Object.keys(REPORT_FORMATS).join(", ")}.`);
    return 2;
  }
  if (values.variant !== "public" && values.variant !== "internal") {
    console.error("--variant is public or internal.");
    return 2;
  }
  // The terminal is the desk's own machine: it acts as the system, like `npm run user`.
  const file = await exportReport(CLI_ACTOR, values.article, values.format!, values.variant);
  const out = values.out ?? (typeof file.body === "string" ? null : file.fileName);
  if (out) {
    fs.writeFileSync(out, file.body);
    console.error(`Wrote ${out} (${file.contentType}).`);
  } else {
    process.stdout.write(file.body);
  }
  return 0;
});
