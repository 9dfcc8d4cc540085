import "server-only";
import { type Database, getDb } from "@/db/client";
import { runReminders } from "@/lib/assignments/reminders";
import { currentTime } from "@/base/clock";
import { log } from "@/base/log";
import { drainOutbox } from "@/lib/outbox/drain";
import { publish } from "@/lib/realtime/server";
import { isCronRequest } from "./secret";

/** Mails sent per scheduler call; what is left goes out on the next call. */
const DRAIN_LIMIT = 500;

/**
 * The scheduler's reminders and overdue notices, then the outbox. Safe to call as often as the
 * platform cron likes (every few minutes; the dev timer calls it every minute): reminders are written
 * once, and mail goes out at least once with a stable Message-ID.
 */
export async function handleRemindersCron(request: Request, db: Database = getDb(), now: Date = currentTime()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  const { events, ...reminders } = await runReminders(db, now);
  // Mail does not wait for the live events (publish never throws, and a bell resyncs from the rows).
  const [, mail] = await Promise.all([publish(events), drainOutbox(db, now, { limit: DRAIN_LIMIT })]);
  log.info("reminders run", { ...reminders, ...mail });
  return Response.json({ reminders, mail });
}
