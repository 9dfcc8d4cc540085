/**
 * Whether a database error is a unique violation of `constraint`. A check before an insert can
 * race with another transaction; the unique index decides, and this turns its error into ours.
 * Drizzle wraps the driver's error in `cause`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint?: string } | null;
  return pg?.code === "23505" && pg.constraint === constraint;
}
