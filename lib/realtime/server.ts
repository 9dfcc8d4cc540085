import Pusher from "pusher";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { RealtimeEvent } from "./channels";

/** Pusher's limit on events in one batch trigger. */
const MAX_BATCH = 10;

const holder = globalThis as typeof globalThis & { __cohortPusher?: Pusher };

export function getPusher(): Pusher {
  if (!holder.__cohortPusher) {
    const { pusher } = env();
    holder.__cohortPusher = new Pusher({
      appId: pusher.appId,
      key: pusher.key,
      secret: pusher.secret,
      cluster: pusher.cluster,
      host: pusher.host,
      port: pusher.port === undefined ? undefined : String(pusher.port),
      useTLS: pusher.useTLS,
    });
  }
  return holder.__cohortPusher;
}

/**
 * Publishes events that were already committed. A failed publish is logged, never thrown:
 * the data is safe in the database and clients resync from it when they reconnect.
 */
export async function publish(events: readonly RealtimeEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += MAX_BATCH) {
    const batch = events.slice(start, start + MAX_BATCH).map((e) => ({ channel: e.channel, name: e.event, data: e.data }));
    try {
      await getPusher().triggerBatch(batch);
    } catch (error) {
      log.warn("realtime publish failed", { error, events: batch.length });
    }
  }
}

/** Ends every open connection of a person; their client reconnects, signs in again and resyncs. */
export async function terminateUserConnections(userId: string): Promise<void> {
  await getPusher().terminateUserConnections(userId);
}
