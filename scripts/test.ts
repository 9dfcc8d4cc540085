import { spawn } from "node:child_process";
import { env } from "@/base/env";

/**
 * `npm test`: every tier in order, each timed. Integration tests run on PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it) and on PGlite otherwise; e2e always needs PostgreSQL
 * and defaults to the local server.
 */
const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

const tiers: { name: string; command: string[]; env?: Record<string, string> }[] = [
  { name: "lint", command: ["npm", "run", "--silent", "lint"] },
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"] },
  { name: "unit", command: ["npx", "vitest", "run", "--project", "unit"] },
  { name: "integration", command: ["npx", "vitest", "run", "--project", "integration"] },
  { name: "build", command: ["npx", "next", "build"] },
  // Checked on the build itself: no browser chunk may carry drizzle's code.
  { name: "bundle", command: ["npx", "tsx", "scripts/check-browser-bundle.ts"] },
  {
    name: "e2e",
    command: ["npx", "playwright", "test"],
    env: { TEST_DATABASE_URL: env().testDatabaseUrl ?? LOCAL_POSTGRES },
  },
];

const only = process.argv.slice(2);
const timings: [string, number, string][] = [];
let failed = false;
for (const tier of tiers) {
  if (only.length && !only.includes(tier.name)) continue;
  console.log(`\n▶ ${tier.name}: ${tier.command.join(" ")}`);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const [cmd, ...args] = tier.command;
    spawn(cmd!, args, { stdio: "inherit", env: { ...process.env, ...tier.env } }).on("exit", resolve);
  });
  timings.push([tier.name, (Date.now() - started) / 1000, code === 0 ? "ok" : `failed (${code})`]);
  if (code !== 0) {
    failed = true;
    break;
  }
}

console.log("\nTier timings:");
for (const [name, seconds, status] of timings) console.log(`  ${name.padEnd(12)} ${seconds.toFixed(1).padStart(7)} s  ${status}`);
process.exit(failed ? 1 : 0);
