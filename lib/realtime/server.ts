import "server-only";
import Pusher from "pusher";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, getDb, queryRows } from "@/db/client";
import { uuidArray } from "@/db/sql";
import { env } from "@/base/env";
import { log } from "@/base/log";
import { type Delivery, parseChannel, parseNewcomers, type RealtimeEvent, resolveTargets, targetGroups, userChannel } from "./channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { mergeNews } from "./news";

/** Pusher's limits: channels in one trigger, events in one batch call. */
export const MAX_CHANNELS_PER_TRIGGER = 100;
export const MAX_EVENTS_PER_BATCH = 10;

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

export type Call = { describe: string; send: () => Promise<unknown> };

/** Splits events into the fewest calls Pusher's limits allow. */
export function planCalls(events: readonly RealtimeEvent[], pusher: Pick<Pusher, "trigger" | "triggerBatch">): Call[] {
  const calls: Call[] = [];
  const single = events.filter((e) => e.channels.length === 1);
  for (let start = 0; start < single.length; start += MAX_EVENTS_PER_BATCH) {
    const batch = single.slice(start, start + MAX_EVENTS_PER_BATCH).map((e) => ({ channel: e.channels[0]!, name: e.event, data: e.data }));
    calls.push({ describe: `batch of ${batch.length}`, send: () => pusher.triggerBatch(batch) });
  }
  for (const event of events.filter((e) => e.channels.length > 1)) {
    for (let start = 0; start < event.channels.length; start += MAX_CHANNELS_PER_TRIGGER) {
      const channels = event.channels.slice(start, start + MAX_CHANNELS_PER_TRIGGER);
      calls.push({ describe: `${event.event} to ${channels.length}`, send: () => pusher.trigger([...channels], event.event, event.data) });
    }
  }
  return calls;
}

/** At most this many calls to the realtime server at once: a fan-out of 1,000 calls neither queues one by one nor floods it. */
export const PUBLISH_CONCURRENCY = 8;

/** Runs the calls, at most `limit` at a time; a failed call is logged, never thrown (see `publish`). */
export async function sendAll(calls: readonly Call[], limit = PUBLISH_CONCURRENCY): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++]!;
      try {
        await call.send();
      } catch (error) {
        log.warn("realtime publish failed", { error, call: call.describe });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, calls.length) }, worker));
}

const USER_PREFIX = userChannel("");
const personal = (channel: string) => channel.startsWith(USER_PREFIX);

/** Which personal channels have a page open: asked of the realtime server at most once; null when it cannot say. */
export type Occupancy = () => Promise<ReadonlySet<string> | null>;

export function occupancy(pusher: Pick<Pusher, "get">): Occupancy {
  let asked: Promise<ReadonlySet<string> | null> | undefined;
  return () =>
    (asked ??= (async () => {
      try {
        const response = await pusher.get({ path: "/channels", params: { filter_by_prefix: USER_PREFIX } });
        const body = (await response.json()) as { channels?: Record<string, unknown> };
        return new Set(Object.keys(body.channels ?? {}));
      } catch (error) {
        log.warn("realtime publish failed", { error, call: "listing occupied personal channels" });
        return null;
      }
    })());
}

/**
 * Per-person events go only to people with a page open: a fan-out to more people than one call
 * carries asks which personal channels are occupied and drops the rest, whose pages resync from the
 * database when they open. When the question fails, everyone is sent to, as before.
 */
export async function onlyOccupied(events: readonly RealtimeEvent[], occupied: Occupancy): Promise<RealtimeEvent[]> {
  if (!events.some((event) => event.channels.filter(personal).length > MAX_CHANNELS_PER_TRIGGER)) return [...events];
  const open = await occupied();
  if (!open) return [...events];
  return events
    .map((event) => ({ ...event, channels: event.channels.filter((channel) => !personal(channel) || open.has(channel)) }))
    .filter((event) => event.channels.length > 0);
}

/**
 * Each newcomers target (`newcomersTarget`) replaced by the channels of that add's people who have a
 * page open, read from the ledger after the commit (all of them when the realtime server cannot say
 * who is online): an add never carries its people's ids, and the news of everyone it reaches merges
 * with the rest of the delivery for them. One lookup per add.
 */
export async function reachNewcomers(
  events: readonly RealtimeEvent[],
  db: DatabaseOrTransaction | undefined,
  occupied: Occupancy,
): Promise<RealtimeEvent[]> {
  const batches = [...new Set(events.flatMap((event) => event.channels.filter((channel) => parseNewcomers(channel))))];
  if (batches.length === 0) return [...events];
  const open = await occupied();
  const online = open
    ? [...open].flatMap((channel) => {
        const ref = parseChannel(channel);
        return ref?.kind === "user" ? [ref.userId] : [];
      })
    : null;
  const reached = new Map<string, string[]>();
  for (const target of batches) {
    const { groupId, batchId } = parseNewcomers(target)!;
    try {
      const rows = await queryRows<{ user_id: string }>(
        db ?? getDb(),
        sql`select user_id from realtime_batch_newcomers(${groupId}::uuid, ${batchId}::uuid, ${online === null ? null : uuidArray(online)})`,
      );
      reached.set(
        target,
        rows.map((row) => userChannel(row.user_id)),
      );
    } catch (error) {
      // Like a failed call: their pages resync from the database when they open.
      log.warn("realtime publish failed", { error, call: `finding the newcomers of ${target}` });
    }
  }
  return events
    .map((event) => ({
      ...event,
      channels: event.channels.flatMap((channel) => (parseNewcomers(channel) ? (reached.get(channel) ?? []) : [channel])),
    }))
    .filter((event) => event.channels.length > 0);
}

/**
 * Publishes what an operation committed. Newcomers become the channels of those online; group targets
 * go to the channels of the group's epoch as read now, after the commit: an event committed after a
 * removal committed finds the raised epoch, so it never reaches the channels the removed person may
 * still listen on. A failed call is logged, never thrown: the data is safe in the database and clients
 * resync from it when they (re)subscribe. Each person's news of the delivery goes out as one event
 * (`mergeNews`). `db` and `pusher` default to the application's (tests and the bench pass their own).
 */
export async function publish(delivered: readonly RealtimeEvent[], db?: DatabaseOrTransaction, pusher = getPusher()): Promise<void> {
  const occupied = occupancy(pusher);
  const events = mergeNews(await reachNewcomers(delivered, db, occupied));
  const groups = targetGroups(events);
  let epochs: ReadonlyMap<string, number> = new Map();
  try {
    if (groups.length > 0) epochs = await currentEpochs(db ?? getDb(), groups);
  } catch (error) {
    // The groups' events are lost like any failed call; the people's own channels still get theirs.
    log.warn("realtime publish failed", { error, call: `reading the epochs of ${groups.length} groups` });
  }
  await sendAll(planCalls(await onlyOccupied(resolveTargets(events, epochs), occupied), pusher));
}

/** Ends every open connection of a person; their client reconnects, signs in again and resyncs. */
export async function terminateUserConnections(userId: string): Promise<void> {
  await getPusher().terminateUserConnections(userId);
}

export async function deliver({ events = [], disconnectUsers = [] }: Delivery, db?: DatabaseOrTransaction): Promise<void> {
  await publish(events, db);
  for (const userId of disconnectUsers) {
    try {
      await terminateUserConnections(userId);
    } catch (error) {
      log.warn("ending a person's connections failed", { error, userId });
    }
  }
}
