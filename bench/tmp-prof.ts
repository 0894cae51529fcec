import { load, login, scratchDatabase, seedDesk, startApp } from "./support/http-harness";
const url = process.env.BENCH_DATABASE_URL!;
const db = await scratchDatabase(url, "prof");
const target = process.env.PROF_PATH ?? "/api/queue";
try {
  await seedDesk(db.handle, { articles: 1000, claims: 10000 });
  const app = await startApp(db, JSON.parse(process.env.PROF_ENV ?? "{}"), process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/fastpath-prof"] : []);
  const cookie = await login(app.base, "rev@bench.example");
  await fetch(`${app.base}${target}`, { headers: { cookie } });
  await load(`${app.base}${target}`, { connections: 32, seconds: 2, headers: { cookie } });
  const r = await load(`${app.base}${target}`, { connections: 32, seconds: Number(process.env.PROF_SECONDS ?? 8), headers: { cookie } });
  console.log(target, r);
  await app.stop();
} finally {
  await db.drop();
}
process.exit();
