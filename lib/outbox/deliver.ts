import "server-only";
import { currentTime } from "@/base/clock";
import { getDb } from "@/db/client";
import { log } from "@/base/log";
import { drainOutbox } from "./drain";

/**
 * Sends what an action just queued without waiting for the scheduler: call it in `after()` once the
 * transaction that wrote outbox rows has committed. A failure is logged; the scheduler's next run
 * sends what is left.
 */
export async function deliverOutboxSoon(): Promise<void> {
  try {
    await drainOutbox(getDb(), currentTime());
  } catch (error) {
    log.error("outbox delivery failed; the scheduler retries", { error });
  }
}
