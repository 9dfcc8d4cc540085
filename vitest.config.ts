import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@/": root,
  // `server-only` guards Next bundles; plain Node (tests) has nothing to guard.
  "server-only": fileURLToPath(new URL("./tests/server-only.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores here: more workers only make each PGlite slower.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          // next-auth imports "next/server" without an extension, which Node cannot resolve outside
          // Next: bundled by Vite, it resolves (the inventory test imports every action module).
          server: { deps: { inline: ["next-auth"] } },
          include: ["{base,lib,db,components,scripts,packages,cluster}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.{ts,tsx}", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          // As for unit: the read actions' fuzzer imports every action module, Auth.js's among them.
          server: { deps: { inline: ["next-auth"] } },
          include: ["{lib,db,scripts,app}/**/*.int.test.ts"],
          globalSetup: ["./tests/global-setup.ts"],
          setupFiles: ["./tests/worker-setup.ts"],
          testTimeout: 30000,
          hookTimeout: 60000,
        },
      },
    ],
  },
});
