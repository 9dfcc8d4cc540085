import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The code's inventory of ways in, read from the source tree (never from a list kept in a test): the
 * modules marked "use server", the route handlers and the operations' files. The kernel's inventory
 * test, the authorization matrix and the fuzzers read it, so a new action, route or operation is found
 * by all of them the day it is written.
 */

const root = path.join(import.meta.dirname, "..");

/** Source files under `dir`, tests left out, as paths from the repository's root. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** A listing of the tree, read once per test file (the tree does not change while tests run). */
function once(list: () => string[]): () => string[] {
  let listed: string[] | undefined;
  return () => (listed ??= list());
}

/** Every module of server actions. */
export const serverActionModules = once(() =>
  [...sourceFiles("lib"), ...sourceFiles("app")].filter((file) =>
    /^\s*["']use server["']/.test(readFileSync(path.join(root, file), "utf8")),
  ),
);

/** Auth.js's own flows run before a session exists and after it ends: they are sessions, not a company's operations. */
export const SESSION_FLOWS = "lib/auth/actions.ts";

/** Every route handler of the app's route tree. */
export const routeFiles = (): string[] => sourceFiles("app").filter((file) => path.basename(file) === "route.ts");

/** A source file's exports, by its path from the root. */
export const importSource = (file: string): Promise<Record<string, unknown>> =>
  import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`) as Promise<Record<string, unknown>>;

/**
 * Loads modules one after another. Loaded side by side, a module two of them reach at once was seen
 * evaluated twice on a loaded machine (the kernel's registry then refuses the second definition).
 */
export async function importSources(files: readonly string[]): Promise<Record<string, unknown>[]> {
  const loaded: Record<string, unknown>[] = [];
  for (const file of files) loaded.push(await importSource(file));
  return loaded;
}

/** Every server action but the session flows, as `[file, name, action]`. */
export async function serverActions(): Promise<[string, string, (...args: never[]) => unknown][]> {
  const modules = serverActionModules().filter((file) => file !== SESSION_FLOWS);
  const loaded = await importSources(modules);
  return modules.flatMap((file, index) =>
    Object.entries(loaded[index]!).map(
      ([name, action]) => [file, name, action as (...args: never[]) => unknown] as [string, string, (...args: never[]) => unknown],
    ),
  );
}

/** Every file that defines an operation (one per file, lib/layout.test.ts): loading them all fills the kernel's registry. */
export const operationModules = once(() =>
  sourceFiles("lib").filter((file) => /\/operations\/[^/]+\.ts$/.test(file) && !file.startsWith("lib/operations/")),
);
