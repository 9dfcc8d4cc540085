import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { systemCtx } from "@/lib/auth/viewer";
import type { RealtimeEvent } from "@/lib/realtime/channels";
import { sendReminderBatch } from "./operations/send-reminder-batch";

/** Assignments handled per transaction: small enough to keep locks short, large enough to stay set-based. */
export const REMINDER_BATCH = 1_000;

export type ReminderRun = {
  /** Assignments whose reminder moment had come. */
  assignments: number;
  /** Reminder rows written (notified or superseded). */
  written: number;
  /** Notifications and outbox rows written: one each per notified reminder. */
  notified: number;
  /** Notification events, to publish once the run has committed. */
  events: RealtimeEvent[];
};

/**
 * The scheduler's reminders and overdue notices: every open assignment whose `next_reminder_at` has
 * come, company by company, in batches that each commit on their own (`sendReminderBatch`).
 *
 * When several of an assignment's reminders are due at once (the scheduler did not run for days), all
 * are recorded but only the latest is notified and mailed: a learner gets "overdue", not "7 days left",
 * "1 day left" and "overdue" in the same minute. A reminder whose moment came before the assignment
 * was made is never due (a course assigned 3 days before its deadline has no "7 days before").
 */
export async function runReminders(db: Database, now: Date, options: { batchSize?: number } = {}): Promise<ReminderRun> {
  const batchSize = options.batchSize ?? REMINDER_BATCH;
  const run: ReminderRun = { assignments: 0, written: 0, notified: 0, events: [] };
  // Across companies: the scheduler's lookup of migration 0021 names those with reminders due.
  const due = await queryRows<{ companyId: string }>(db, sql`select id as "companyId" from scheduler_reminder_companies(${now}) as id`);
  for (const { companyId } of due) {
    for (;;) {
      const { result, events } = await sendReminderBatch(
        db,
        systemCtx(companyId, "reminders"),
        { operationId: randomUUID(), batchSize },
        { now },
      );
      run.assignments += result.picked;
      run.written += result.written;
      run.notified += result.notified;
      run.events.push(...(events ?? []));
      if (result.picked < batchSize) break;
    }
  }
  return run;
}
