import type { ImportJob } from "@/db/schema";

/**
 * What an import does, as previewed from the staged rows and then as applied: people created,
 * updated (name, department or manager differ) and left as they are, and memberships added.
 */
export type ImportSummary = { created: number; updated: number; unchanged: number; memberships: number };

/** The job as the page polls it. */
export type ImportJobView = Pick<
  ImportJob,
  "id" | "fileName" | "status" | "totalRows" | "stagedRows" | "problems" | "problemCount" | "createdAt" | "finishedAt"
> & {
  summary: ImportSummary | null;
  /** Why the final transaction failed: an error code and its values, rendered from the catalogue. */
  error: { code: string; values: Record<string, string | number> } | null;
  /** When the same file was last imported by this company, if it was. */
  sameFileImportedAt: Date | null;
  /**
   * Running, but not moved for `STALLED_AFTER_MS`: a restart cut it off. The page says so at once; the
   * scheduler (`/api/cron/imports`) then marks it failed. Computed by the read, which writes nothing.
   */
  stalled: boolean;
};

/** A job that has not moved for this long while checking, staging or applying was cut off by a restart. */
export const STALLED_AFTER_MS = 2 * 60_000;

/** The statuses of a job still under way: checking, staging, applying. */
export const RUNNING_STATUSES = ["validating", "staging", "applying"] as const satisfies readonly ImportJob["status"][];

/** Before this moment, a running job's last move (its `updated_at`) means it stalled. */
export const stalledBefore = (now: Date) => new Date(now.getTime() - STALLED_AFTER_MS);

/**
 * Whether a job is running but has not moved since `stalledBefore(now)`. Staging moves `updated_at`
 * each chunk; the final transaction's own move is not seen until it commits, and it takes seconds,
 * far below the threshold.
 */
export const isStalled = (job: Pick<ImportJob, "status" | "updatedAt">, now: Date) =>
  (RUNNING_STATUSES as readonly string[]).includes(job.status) && job.updatedAt < stalledBefore(now);
