import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../auth/system-actor";
import { createUser } from "../users/create-user";
import { findUserByEmailForCli } from "../users/find-user-by-email-for-cli";
import { updateUser } from "../users/update-user";
import { runCli } from "./run-cli";

const USAGE = `Create or reset a user from the terminal (how the first admin of an install is made).

  npm run user -- create --email EMAIL --name NAME --role editor|reviewer|admin [--password PW]
  npm run user -- reset-password --email EMAIL [--password PW]
  npm run user -- set-role --email EMAIL --role editor|reviewer|admin
  npm run user -- disable --email EMAIL
  npm run user -- enable --email EMAIL

Without --password the password is read from the USER_PASSWORD environment variable.
Every change is written to the audit log (actor: command line) and ends the user's sessions
where docs/security.md says it must.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const command = positionals[0];

async function main(): Promise<number> {
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const email = values.email;
  if (!email) {
    console.error("--email is required.\n\n" + USAGE);
    return 2;
  }
  const password = values.password ?? process.env.USER_PASSWORD;
  if (command === "create") {
    const user = await createUser(CLI_ACTOR, {
      email,
      name: values.name ?? email.split("@")[0] ?? email,
      role: values.role ?? "editor",
      password: password ?? "",
    });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
    return 0;
  }
  const user = await findUserByEmailForCli(email);
  if (!user) {
    console.error(`No user with e-mail ${email}.`);
    return 1;
  }
  const change: Record<string, unknown> = { userId: user.id };
  if (command === "reset-password") change.password = password ?? "";
  else if (command === "set-role") change.role = values.role;
  else if (command === "disable") change.disabled = true;
  else if (command === "enable") change.disabled = false;
  else {
    console.error(`Unknown command ${command}.\n\n${USAGE}`);
    return 2;
  }
  const updated = await updateUser(CLI_ACTOR, change);
  console.log(`Updated ${updated.email}: role ${updated.role}, ${updated.disabled ? "disabled" : "active"}.`);
  return 0;
}

await runCli(main);
