import { spawn } from "node:child_process";

/**
 * `npm run fuzz`: every property-based test file (`*.property.test.ts`, `*.property.int.test.ts`) with
 * the long counts (tests/property.ts), a random seed unless FUZZ_SEED names one. Integration files need
 * what `npm test` needs (TEST_DATABASE_URL for PostgreSQL, PGlite otherwise).
 */
const child = spawn("npx", ["vitest", "run", "--project", "unit", "--project", "integration", "property", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, COHORT_FUZZ: "1" },
});
child.on("exit", (code) => process.exit(code ?? 1));
