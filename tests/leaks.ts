/**
 * What must never reach a response (docs/architecture.md, "Errors"): a stack, a driver's or the
 * runtime's own words. Each pattern is a way these texts are written, not one message.
 */
const LEAKS: readonly RegExp[] = [
  // A stack frame: "    at fn (file.ts:1:2)".
  /\bat \S+ \(?\S+:\d+:\d+\)?/,
  // PostgreSQL's messages (pg, PGlite and Neon pass them on as they are).
  /\b(syntax error at|invalid input syntax|violates \w+ constraint|duplicate key value|out of range for type|date\/time field value|unsupported Unicode escape|invalid byte sequence|index row size|relation "|column "|current transaction is aborted)/i,
  // Drivers and the ORM by name, and their query text.
  /\b(PGlite|PostgresError|DatabaseError|drizzle|Failed query|ECONNREFUSED|ECONNRESET)\b/i,
  // The runtime's own errors.
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|Maximum call stack|Cannot read propert|is not a function|undefined is not|Do not know how to serialize)\b/,
];

/** The first leak found in a response's text, or null. */
export function leakIn(text: string): string | null {
  for (const pattern of LEAKS) {
    const found = pattern.exec(text);
    if (found) return found[0];
  }
  return null;
}
