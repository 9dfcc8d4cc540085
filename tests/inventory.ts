import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The code's inventory of ways in, read from the source tree (never from a list kept in a test): the
 * modules marked "use server" and the route handlers. The kernel's inventory test and the
 * authorization matrix both read it, so a new action or route is found by both the day it is written.
 */

const root = path.join(import.meta.dirname, "..");

/** Source files under `dir`, tests left out, as paths from the repository's root. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Every module of server actions. */
export const serverActionModules = (): string[] =>
  [...sourceFiles("lib"), ...sourceFiles("app")].filter((file) =>
    /^\s*["']use server["']/.test(readFileSync(path.join(root, file), "utf8")),
  );

/** Auth.js's own flows run before a session exists and after it ends: they are sessions, not a company's operations. */
export const SESSION_FLOWS = "lib/auth/actions.ts";

/** Every route handler of the app's route tree. */
export const routeFiles = (): string[] => sourceFiles("app").filter((file) => path.basename(file) === "route.ts");

/** A source file's exports, by its path from the root. */
export const importSource = (file: string): Promise<Record<string, unknown>> =>
  import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`) as Promise<Record<string, unknown>>;
