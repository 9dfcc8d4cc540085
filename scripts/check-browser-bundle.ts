import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * After `next build`: no browser chunk may carry database code. drizzle's entities are tagged with
 * `drizzle:…` symbols, which survive minification, so a client module that reaches `db/` or
 * `drizzle-orm` (through a shared constant, say) shows up here by name. Exits 1 naming the chunks.
 */
const chunks = path.join(process.cwd(), ".next/static");
const offending = readdirSync(chunks, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
  .map((entry) => path.join(entry.parentPath, entry.name))
  .filter((file) => readFileSync(file, "utf8").includes("drizzle:"));

if (offending.length > 0) {
  console.error(`Browser chunks carry drizzle's code (a client module imports the database layer):\n${offending.join("\n")}`);
  process.exit(1);
}
console.log("No browser chunk carries database code.");
