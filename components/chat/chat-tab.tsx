"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import type { ChatMessageDto, MessagePage } from "@/lib/chat/queries";
import { EDIT_WINDOW_MS } from "@/lib/chat/schemas";
import { Composer } from "./composer";
import { EarlierRepliesButton } from "./earlier-replies-button";
import { firstUnreadId, type PendingMessage, visibleThreads } from "./merge";
import { DayHeading } from "./day-heading";
import { MessageItem, type MessageRights, standsAlone } from "./message-item";
import { PendingItem } from "./pending-item";
import { startReading } from "./reading";
import { placeMessages } from "./runs";
import { useFollowLatest } from "./use-follow-latest";
import { type Draft, useChatRoom } from "./use-chat-room";
import { seenHere, useReadMark } from "./use-read-mark";

const latest = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

export type ChatViewer = { id: string; name: string; isAdmin: boolean; isOwner: boolean };

/** How often the edit buttons are re-checked against the 15-minute window. */
const CLOCK_TICK_MS = 30_000;

/**
 * The group's chat: threads oldest first with the newest at the bottom, grouped by day and by
 * author (`placeMessages`), a "New messages" divider at the first message the viewer has not read,
 * "Jump to latest" when scrolled away from the newest, and the composer docked at the bottom of the
 * window (none in an archived group). Opening
 * the tab, and each message arriving while it is open and visible, marks the chat read.
 */
export function ChatTab({
  groupId,
  channelEpoch,
  viewer,
  archived,
  initial,
  linked = null,
}: {
  groupId: string;
  /** The group's realtime epoch when the page was read (`lib/realtime/epochs.ts`). */
  channelEpoch: number;
  viewer: ChatViewer;
  archived: boolean;
  initial: MessagePage;
  /** The message a link opened the chat at (a notification's): shown in its open thread, in view and highlighted. */
  linked?: { messageId: string; threadId: string } | null;
}) {
  const t = useTranslations("chatTab");
  const format = useFormatter();
  const room = useChatRoom(groupId, channelEpoch, initial);
  const [replyTo, setReplyTo] = useState<ChatMessageDto | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const threads = visibleThreads(room.state);
  const ordered = threads.flatMap((thread) => [thread.message, ...thread.replies]);
  // Fixed when the tab opens, so the divider stays where the viewer stopped reading: the server's mark,
  // or what this tab saw later when its last mark (sent as the page was left) has not landed yet.
  const [unreadFrom] = useState(() => firstUnreadId(ordered, latest(initial.lastReadAt, seenHere(groupId)), viewer.id));
  const newest = ordered.at(-1);
  const pendingTop = room.state.pending.filter((p) => p.draft.replyToId === null);
  const pendingReplies = (messageId: string) => room.state.pending.filter((p) => p.draft.replyToId === messageId);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const seen = useReadMark(groupId);
  useEffect(() => startReading(groupId), [groupId]);
  const newestAt = newest?.createdAt ?? null;
  useEffect(() => {
    if (document.visibilityState === "visible") seen(newestAt);
    const onVisible = () => document.visibilityState === "visible" && seen(newestAt);
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
    // Marked on opening, on each newer message, and on coming back to the tab.
  }, [seen, newestAt]);

  // The newest message stays in sight while the viewer is at the latest (or sent it).
  const { end, dock, atLatest, away, measure, revealLatest, followNext } = useFollowLatest();
  const pendingCount = room.state.pending.length;
  useEffect(() => {
    if (atLatest.current) revealLatest();
  }, [newest?.id, pendingCount, atLatest, revealLatest]);
  // Opening the chat with unread messages starts at the divider rather than at the newest; opened at
  // a linked message, at that message.
  const dividerRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!dividerRef.current || linked) return;
    dividerRef.current.scrollIntoView({ block: "start", behavior: "instant" });
    measure();
  }, [linked, measure]);
  // A linked reply older than the replies a page shows: its thread's earlier replies are loaded, a
  // page at a time, until it is there; then it is brought into view and focused, once.
  const linkedShown = linked !== null && ordered.some((message) => message.id === linked.messageId);
  const earlierLoads = useRef(0);
  const focusedLinked = useRef(false);
  const { loadEarlierReplies } = room;
  const linkedEarlier = threads.find((thread) => thread.message.id === linked?.threadId)?.earlierReplies ?? 0;
  useEffect(() => {
    if (!linked || linkedShown || linkedEarlier === 0 || earlierLoads.current > 20) return;
    earlierLoads.current += 1;
    void loadEarlierReplies(linked.threadId);
  }, [linked, linkedShown, linkedEarlier, loadEarlierReplies]);
  useEffect(() => {
    const target = linked && document.getElementById(`message-${linked.messageId}`);
    if (!target || focusedLinked.current) return;
    focusedLinked.current = true;
    target.scrollIntoView({ block: "center", behavior: "instant" });
    target.focus({ preventScroll: true });
    measure();
  }, [linked, linkedShown, measure]);

  const rights = (message: ChatMessageDto): MessageRights => {
    const own = message.authorId === viewer.id;
    return {
      reply: !archived && message.replyToId === null,
      edit: !archived && own && now - Date.parse(message.createdAt) < EDIT_WINDOW_MS,
      delete: !archived && (own || viewer.isAdmin),
      markAnswered: !archived && message.kind === "question" && (own || viewer.isOwner || viewer.isAdmin),
    };
  };
  const handlers = { edit: room.edit, remove: room.remove, markAnswered: room.markAnswered, reply: setReplyTo };
  const item = (message: ChatMessageDto, continued: boolean) => (
    <MessageItem
      message={message}
      rights={rights(message)}
      on={handlers}
      continued={continued}
      highlighted={message.id === linked?.messageId}
    />
  );

  const pendingItem = (pending: PendingMessage<Draft>) => (
    <PendingItem
      pending={pending}
      author={viewer}
      error={room.sendErrors.get(pending.operationKey)}
      onRetry={() => room.send(pending.draft, pending.operationKey)}
      onDiscard={() => room.discard(pending.operationKey)}
    />
  );
  const divider = (
    <li
      ref={dividerRef}
      className="flex scroll-mt-[calc(var(--shell-top,0px)+1rem)] items-center gap-3 py-1 text-xs font-semibold text-red-700"
    >
      <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
      {t("newDivider")}
      <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
    </li>
  );
  // Runs and days: a thread's replies (or the unread divider) end its author's run.
  const dayOf = (at: string) => format.dateTime(new Date(at), "date");
  const unread = (message: ChatMessageDto) => message.id === unreadFrom;
  const tops = placeMessages(
    threads.map((thread) => thread.message),
    dayOf,
    {
      standsAlone,
      breaksBefore: unread,
      breaksAfter: (message) =>
        threads.some((thread) => thread.message.id === message.id && (thread.replies.length > 0 || thread.earlierReplies > 0)) ||
        pendingReplies(message.id).length > 0,
    },
  );

  return (
    <section aria-labelledby="chat-title">
      <h2 id="chat-title" className="sr-only">
        {t("title")}
      </h2>
      {room.loadError && <ActionAlert error={room.loadError} />}
      <div role="log" aria-label={t("messages")} className="pb-2">
        {room.state.floor && (
          <div className="pb-2 text-center">
            <Button className="px-3 py-1 text-xs" pending={room.loadingOlder} onClick={room.loadOlder}>
              {room.loadingOlder ? t("loadingOlder") : t("loadOlder")}
            </Button>
          </div>
        )}
        {threads.length === 0 && pendingTop.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("empty")}</p>
        ) : (
          <ol className="rounded-lg border border-slate-200 bg-white px-1 pb-2 sm:px-2">
            {threads.map(({ message, replies, earlierReplies }, index) => {
              const waiting = pendingReplies(message.id);
              const runs = placeMessages(replies, dayOf, { standsAlone, breaksBefore: unread });
              return (
                <Fragment key={message.id}>
                  {tops[index]!.newDay && <DayHeading at={message.createdAt} />}
                  {unread(message) && divider}
                  <li>
                    {item(message, tops[index]!.continued)}
                    {(replies.length > 0 || waiting.length > 0) && (
                      <ol
                        aria-label={t("replies", { name: message.authorName })}
                        className="mt-1 mb-1 ml-6 border-l-2 border-slate-200 pl-2 sm:ml-9"
                      >
                        {earlierReplies > 0 && (
                          <li>
                            <EarlierRepliesButton count={earlierReplies} onLoad={() => room.loadEarlierReplies(message.id)} />
                          </li>
                        )}
                        {replies.map((reply, at) => (
                          <Fragment key={reply.id}>
                            {unread(reply) && divider}
                            <li>{item(reply, runs[at]!.continued)}</li>
                          </Fragment>
                        ))}
                        {waiting.map((pending) => (
                          <li key={pending.operationKey}>{pendingItem(pending)}</li>
                        ))}
                      </ol>
                    )}
                  </li>
                </Fragment>
              );
            })}
            {pendingTop.map((pending) => (
              <li key={pending.operationKey}>{pendingItem(pending)}</li>
            ))}
          </ol>
        )}
      </div>
      <div ref={end} />
      {/* The composer docks to the window's bottom edge (sticky) while the messages scroll with the page:
          no height to compute from the shell's bars, the header or the tabs above, and no inner scroll. */}
      <div ref={dock} className="sticky bottom-0 z-20 bg-slate-50 pt-1 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        {away && (
          <button
            type="button"
            onClick={() => {
              revealLatest();
              dock.current?.querySelector("textarea")?.focus({ preventScroll: true });
            }}
            className="absolute right-3 bottom-full mb-2 flex items-center gap-1 rounded-full border border-slate-200 bg-white px-3 py-1.5 text-xs font-medium text-slate-800 shadow-md hover:bg-slate-50"
          >
            {t("jumpToLatest")}
            <span aria-hidden="true">↓</span>
          </button>
        )}
        {archived ? (
          <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("archived")}</p>
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm">
            <Composer
              groupId={groupId}
              replyTo={replyTo}
              onCancelReply={() => setReplyTo(null)}
              onSend={(draft) => {
                if (draft.replyToId === null) followNext();
                room.send(draft);
              }}
            />
          </div>
        )}
      </div>
    </section>
  );
}
