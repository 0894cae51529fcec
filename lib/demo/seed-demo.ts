import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { createArticle } from "../articles/create-article";
import type { Actor } from "../auth/permissions";
import { CLI_ACTOR } from "../auth/system-actor";
import { getDb } from "../database";
import { DEFAULT_DEMO_PASSWORD, env } from "../env";
import { createUser } from "../users/create-user";

export const DEMO_USERS = [
  { email: "editor@example.com", name: "Ana Editor", role: "editor" },
  { email: "editor2@example.com", name: "Ben Editor", role: "editor" },
  { email: "reviewer@example.com", name: "Rita Reviewer", role: "reviewer" },
  { email: "admin@example.com", name: "Adam Admin", role: "admin" },
] as const;

export const SAMPLE_ARTICLE = {
  title: "David Lammy urges European Nato members to ramp up defence spending",
  url: "https://www.independent.co.uk/news/uk/politics/david-lammy-nato-defence-spending-trump-b2659236.html",
  publisher: "The Independent",
  author: null,
  publishedAt: "2024-12-04",
  file: path.join(process.cwd(), "lib", "demo", "nato-defence-spending.txt"),
};

export function demoPassword(): string {
  return env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
}

/**
 * Demo users and the sample article, only on an empty database, and never in production unless
 * SEED_DEMO=1 asks for it.
 */
export async function seedDemo(options: { force?: boolean } = {}): Promise<{ seeded: boolean; reason?: string }> {
  if (env.NODE_ENV === "production" && env.SEED_DEMO !== "1" && !options.force) {
    return { seeded: false, reason: "NODE_ENV=production (set SEED_DEMO=1 to create demo data)" };
  }
  const db = await getDb();
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (Number(n) > 0) return { seeded: false, reason: "the database already has users" };
  const password = demoPassword();
  const created = [];
  for (const u of DEMO_USERS) {
    created.push(await createUser(CLI_ACTOR, { ...u, password }));
  }
  const editor = created[0]!;
  const actor: Actor = { id: editor.id, email: editor.email, name: editor.name, role: editor.role };
  await createArticle(actor, {
    title: SAMPLE_ARTICLE.title,
    body: fs.readFileSync(SAMPLE_ARTICLE.file, "utf8"),
    format: "text",
    url: SAMPLE_ARTICLE.url,
    publisher: SAMPLE_ARTICLE.publisher,
    publishedAt: SAMPLE_ARTICLE.publishedAt,
  });
  return { seeded: true };
}
