import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // soketi loads this package with require() at run time, untranspiled: it stays CommonJS.
    files: ["packages/uws-fallback/**/*.{js,cjs}"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // One way to write an operation (docs/architecture.md, "The operation kernel"): the recipe's
    // parts are the kernel's alone, so a hand-written copy of it cannot come back.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/operations/**", "db/migrations/**", "scripts/seed/**", "**/*.test.ts", "tests/**", "bench/**", "e2e/**"],
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
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: "A transaction is the operation kernel's (defineOperation), or readTransaction for a read.",
        },
      ],
    },
  },
  {
    // One injectable clock: base/clock.ts reads the time; operations get `now` from the kernel.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["base/clock.ts", "lib/operations/**", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Take the operation's `now`, or currentTime() from base/clock.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: "A transaction is the operation kernel's (defineOperation), or readTransaction for a read.",
        },
      ],
    },
  },
  {
    files: ["lib/operations/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Take currentTime() from base/clock.ts." },
      ],
    },
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
