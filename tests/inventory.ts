import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The code's own inventory of ways in, read from the source rather than from a list kept by hand, so
 * a new action or operation is checked the day it is written: the inventory test, the fuzzers.
 */

const root = path.join(import.meta.dirname, "..");

/** Source files below `dir` (relative to the repository), tests left out. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Every module marked "use server". */
export const serverActionModules = [...sourceFiles("lib"), ...sourceFiles("app")].filter((file) =>
  /^\s*["']use server["']/.test(readFileSync(path.join(root, file), "utf8")),
);

/** Auth.js's own flows run before a session exists and after it ends: they are sessions, not a company's operations. */
export const SESSION_FLOWS = "lib/auth/actions.ts";

/** A module's exports by name, loaded through the `@/` alias as the app loads it. */
export const importModule = async (file: string): Promise<Record<string, unknown>> =>
  import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`);

/** Every server action but the session flows, as `[file, name, action]`. */
export async function serverActions(): Promise<[string, string, (...args: never[]) => unknown][]> {
  const modules = serverActionModules.filter((file) => file !== SESSION_FLOWS);
  const loaded = await Promise.all(modules.map(async (file) => [file, await importModule(file)] as const));
  return loaded.flatMap(([file, exports]) =>
    Object.entries(exports).map(
      ([name, action]) => [file, name, action as (...args: never[]) => unknown] as [string, string, (...args: never[]) => unknown],
    ),
  );
}

/** Every file that defines an operation (one per file, lib/layout.test.ts): loading them all fills the kernel's registry. */
export const operationModules = sourceFiles("lib").filter(
  (file) => /\/operations\/[^/]+\.ts$/.test(file) && !file.startsWith("lib/operations/"),
);
