import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One layout per domain (docs/architecture.md, "Layers and domains"), read from the files themselves so
 * that a new domain or operation is held to it the day it is written. The import graph's rules are
 * dependency-cruiser's (.dependency-cruiser.cjs), file sizes and server-only ESLint's.
 */

const root = path.join(import.meta.dirname, "..");

const sourceFiles = (dir: string) =>
  readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));

const folders = (dir: string) =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const libFiles = sourceFiles("lib");

describe("operations", () => {
  const defining = libFiles.filter((file) => /\bdefineOperation\(/.test(read(file)) && !file.startsWith("lib/operations/"));

  it("finds them", () => {
    expect(defining.length).toBeGreaterThan(40);
  });

  it.each(defining)("%s: one operation, in an operations/ folder, named for its export", (file) => {
    const exported = [...read(file).matchAll(/export const (\w+) = defineOperation\(/g)].map((match) => match[1]!);
    expect(path.basename(path.dirname(file))).toBe("operations");
    expect(exported).toHaveLength(1);
    expect(path.basename(file, ".ts")).toBe(kebab(exported[0]!));
    expect(read(file).match(/\bdefineOperation\(/g)).toHaveLength(1);
  });
});

describe("domains", () => {
  it("keep no service.ts: operations, reads and shared statements each have their place", () => {
    expect(libFiles.filter((file) => path.basename(file) === "service.ts")).toEqual([]);
  });

  it.each(libFiles.filter((file) => /(^|\/)queries(\.ts|\/)/.test(file)))("%s only reads", (file) => {
    expect(read(file)).not.toMatch(/\.(insert|update|delete)\(|\b(insert\s+into|delete\s+from)\b|\bupdate\s+\w+\s+set\b/i);
  });

  /** UI with no domain of its own: primitives and the page frame. */
  const UI_ONLY = ["ui", "shell"];

  it.each(folders("components").filter((folder) => !UI_ONLY.includes(folder)))("components/%s has the name of a lib/ domain", (folder) => {
    expect(folders("lib")).toContain(folder);
  });
});
