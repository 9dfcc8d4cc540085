/**
 * Whether a database error is a unique violation of `constraint`. A check before an insert can
 * race with another transaction; the unique index decides, and this turns its error into ours.
 * Drizzle wraps the driver's error in `cause`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pg = driverError(error);
  return pg?.code === "23505" && pg.constraint === constraint;
}

/**
 * Whether a statement was refused only because an earlier one of its transaction failed: what the
 * statements sent behind a failing one answer (`together`), never the cause.
 */
export const isAfterFailure = (error: unknown): boolean => driverError(error)?.code === "25P02";

/** The driver's error, which drizzle wraps in `cause`. */
const driverError = (error: unknown) => ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint?: string } | null;
