import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * The project's own rules (docs/architecture.md, "Layers and domains" and "The operation kernel").
 * ESLint keeps one `no-restricted-syntax` setting per file (a later block replaces an earlier one), so
 * each block below lists every restriction its files carry, built from these named pieces.
 * The import graph (layers, circles between domains) is dependency-cruiser's: .dependency-cruiser.cjs.
 */

/** What reaches the database: db/'s connection and helpers (not the table definitions), drizzle's query builder, the drivers. */
const DATABASE_MODULES = "/^(@\\/db\\/(?!schema)|drizzle-orm|pg$|@neondatabase\\/|@electric-sql\\/pglite)/";

const KERNEL_TRANSACTIONS = {
  selector: "CallExpression[callee.property.name='transaction']",
  message: "A transaction is the operation kernel's (defineOperation), or readTransaction for a read.",
};
const ONE_CLOCK = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0]",
  message: "Take the operation's `now`, or currentTime() from base/clock.ts.",
};
/** Next refuses to bundle a module marked server-only, or anything importing it, into the browser. */
const SERVER_ONLY = {
  selector: `Program:not(:has(ImportDeclaration[source.value='server-only'])) > ImportDeclaration[importKind!='type'][source.value=${DATABASE_MODULES}]`,
  message: 'This module reaches the database: it starts with `import "server-only";`.',
};
/** The browser gets no database code (a production build checks every chunk too: scripts/check-browser-bundle.ts). */
const CLIENT_MODULES = [
  {
    selector: `Program:has(> ExpressionStatement[directive='use client']) ImportDeclaration[importKind!='type'][source.value=${DATABASE_MODULES}]`,
    message: "A client module runs in the browser: it may not import database code.",
  },
  {
    selector: "Program:has(> ExpressionStatement[directive='use client']) ImportDeclaration[source.value='server-only']",
    message: "A client module runs in the browser: it may not import server-only code.",
  },
];
const restrict = (...selectors) => ({ "no-restricted-syntax": ["error", ...selectors] });

const TESTS = ["**/*.test.{ts,tsx}", "tests/**", "bench/**", "e2e/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // soketi loads this package with require() at run time, untranspiled: it stays CommonJS.
    files: ["packages/uws-fallback/**/*.{js,cjs}"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // One way to write an operation: the recipe's parts are the kernel's alone, so a hand-written copy
    // of it cannot come back.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/operations/**", "db/migrations/**", "scripts/seed/**", ...TESTS],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/operations/claim", "@/lib/operations/audit", "**/operations/claim", "**/operations/audit"],
              message: "Claims, stored results and audit rows belong to the operation kernel: write a defineOperation.",
            },
          ],
        },
      ],
      ...restrict(KERNEL_TRANSACTIONS),
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: restrict(KERNEL_TRANSACTIONS, ...CLIENT_MODULES),
  },
  {
    // One injectable clock: base/clock.ts reads the time; operations get `now` from the kernel.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/operations/**", ...TESTS],
    rules: restrict(ONE_CLOCK, KERNEL_TRANSACTIONS, SERVER_ONLY, ...CLIENT_MODULES),
  },
  {
    files: ["lib/operations/**/*.ts"],
    ignores: TESTS,
    rules: restrict(ONE_CLOCK, SERVER_ONLY),
  },
  {
    files: ["db/**/*.ts"],
    ignores: ["db/schema/**", "db/migrations/**", ...TESTS],
    rules: restrict(SERVER_ONLY, KERNEL_TRANSACTIONS),
  },
  {
    // The transactions outside the kernel: reads that need one snapshot, and bookkeeping; the company
    // binding, which opens every bound statement's and transaction's own (row-level security); and the
    // migrations' backfills, a batch per transaction on the owner's connection.
    files: ["db/read-transaction.ts", "db/company.ts", "db/backfills.ts"],
    rules: restrict(SERVER_ONLY),
  },
  {
    // Files do one job: a source file past 300 lines is several files waiting to be named.
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    ".data/**",
    "db/migrations/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
