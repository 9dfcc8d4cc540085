"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useChannelEvent, useChannelResync, useGroupChannel } from "@/components/realtime/realtime-provider";
import { Button } from "@/components/ui/button";
import { listFeedAction, listFeedSinceAction } from "@/lib/feed/actions";
import { mergeFeed, oldestCursor, syncedCursor } from "@/lib/feed/merge";
import { type FeedCourse, type FeedEntry as Entry, type FeedPage, feedEntryFromMessage, type LiveActivity } from "@/lib/feed/types";
import { realtimeEvents } from "@/lib/realtime/channels";
import { FeedEntry } from "./feed-entry";

/**
 * The Activity tab: the group's feed, newest first. Live events are prepended as they arrive;
 * every (re)subscription fetches what is newer than the newest entry of the last complete fetch,
 * since Pusher keeps no history; "Load older" continues from the oldest. New entries are announced politely.
 */
export function ActivityTab({
  groupId,
  channelEpoch,
  course,
  initial,
  renderedAt,
  viewerId,
  canOpenAnyCertificate,
}: {
  groupId: string;
  /** The group's realtime epoch when the page was read. */
  channelEpoch: number;
  /** The group's linked course when the page was read: what live events are about. */
  course: FeedCourse | null;
  initial: FeedPage;
  /** The server's clock at render, so the first relative times match between server and browser. */
  renderedAt: number;
  viewerId: string;
  canOpenAnyCertificate: boolean;
}) {
  const t = useTranslations("feed");
  const [entries, setEntries] = useState<Entry[]>(initial.entries);
  const [hasMore, setHasMore] = useState(initial.hasMore);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [now, setNow] = useState(renderedAt);
  const [loadingOlder, startOlder] = useTransition();
  const held = useRef(entries);
  useEffect(() => {
    held.current = entries;
  });
  // Where the next resync starts; live entries never move it (see `syncedCursor`).
  const synced = useRef(syncedCursor(null, initial.entries));
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const announce = useCallback(
    (arrived: readonly Entry[]) => {
      const fresh = arrived.filter((entry) => !held.current.some((h) => h.id === entry.id));
      if (fresh.length > 0) setAnnouncement(t("newEntries", { count: fresh.length, name: fresh[0]!.userName }));
    },
    [t],
  );

  const resync = useCallback(async () => {
    const after = synced.current;
    const result = after ? await listFeedSinceAction({ groupId, after }) : await listFeedAction({ groupId, before: null });
    if (!result.ok) return setFailed(true);
    setFailed(false);
    if ("complete" in result.data && !result.data.complete) {
      // Too much was missed to stitch it in: start again from the newest page.
      const first = await listFeedAction({ groupId, before: null });
      if (!first.ok) return setFailed(true);
      synced.current = syncedCursor(null, first.data.entries);
      setEntries(first.data.entries);
      setHasMore(first.data.hasMore);
      return;
    }
    synced.current = syncedCursor(after, result.data.entries);
    announce(result.data.entries);
    setEntries((current) => mergeFeed(current, result.data.entries));
  }, [groupId, announce]);

  const channel = useGroupChannel(groupId, channelEpoch);
  useChannelEvent<LiveActivity>(channel, realtimeEvents.activityCreated, (message) => {
    const entry = feedEntryFromMessage(message, course);
    if (!entry) return void resync();
    announce([entry]);
    setEntries((current) => mergeFeed(current, [entry]));
  });
  useChannelResync(channel, () => void resync());

  const loadOlder = () => {
    const before = oldestCursor(entries);
    startOlder(async () => {
      const result = await listFeedAction({ groupId, before });
      if (!result.ok) return setFailed(true);
      setFailed(false);
      setEntries((current) => mergeFeed(current, result.data.entries));
      setHasMore(result.data.hasMore);
    });
  };

  return (
    <section aria-labelledby="activity-title" className="space-y-4">
      <h2 id="activity-title" className="sr-only">
        {t("title")}
      </h2>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {failed && (
        <p role="alert" aria-label={t("failed")} className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          {t("failed")}
        </p>
      )}
      {entries.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <p className="font-medium text-slate-900">{t("empty.title")}</p>
          <p className="mt-1 text-sm">{t("empty.body")}</p>
        </div>
      ) : (
        <ol aria-label={t("listLabel")} className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {entries.map((entry) => (
            <FeedEntry key={entry.id} entry={entry} now={now} canOpenCertificate={canOpenAnyCertificate || entry.userId === viewerId} />
          ))}
        </ol>
      )}
      {hasMore && (
        <Button onClick={loadOlder} pending={loadingOlder}>
          {loadingOlder ? t("loadingOlder") : t("loadOlder")}
        </Button>
      )}
    </section>
  );
}
