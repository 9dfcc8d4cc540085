"use client";

import { useTranslations } from "next-intl";
import { Fragment, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import type { ChatMessageDto, MessagePage } from "@/lib/chat/queries";
import { EDIT_WINDOW_MS } from "@/lib/chat/schemas";
import { Composer } from "./composer";
import { EarlierRepliesButton } from "./earlier-replies-button";
import { firstUnreadId, type PendingMessage, visibleThreads } from "./merge";
import { MessageItem, type MessageRights } from "./message-item";
import { PendingItem } from "./pending-item";
import { startReading } from "./reading";
import { type Draft, useChatRoom } from "./use-chat-room";
import { seenHere, useReadMark } from "./use-read-mark";

const latest = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

export type ChatViewer = { id: string; name: string; isAdmin: boolean; isOwner: boolean };

/** How often the edit buttons are re-checked against the 15-minute window. */
const CLOCK_TICK_MS = 30_000;

/**
 * The group's chat: threads oldest first with the newest at the bottom, a "New" divider at the
 * first message the viewer has not read, and the composer (none in an archived group). Opening
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
  const room = useChatRoom(groupId, channelEpoch, initial);
  const [replyTo, setReplyTo] = useState<ChatMessageDto | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const list = useRef<HTMLDivElement>(null);
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

  // The newest message stays in sight while the viewer is at the bottom (or sent it).
  const atBottom = useRef(true);
  const pendingCount = room.state.pending.length;
  useEffect(() => {
    const element = list.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [newest?.id, pendingCount]);
  // Opening the chat with unread messages starts at the divider rather than at the newest; opened at
  // a linked message, at that message.
  const dividerRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const element = list.current;
    const marker = dividerRef.current;
    if (!element || !marker || linked) return;
    element.scrollTop = marker.offsetTop - element.offsetTop - 8;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
  }, [linked]);
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
    const element = list.current;
    const target = linked && document.getElementById(`message-${linked.messageId}`);
    if (!element || !target || focusedLinked.current) return;
    focusedLinked.current = true;
    atBottom.current = false;
    element.scrollTop = target.getBoundingClientRect().top - element.getBoundingClientRect().top + element.scrollTop - 16;
    target.focus({ preventScroll: true });
  }, [linked, linkedShown]);

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

  const pendingItem = (pending: PendingMessage<Draft>) => (
    <PendingItem
      pending={pending}
      authorName={viewer.name}
      error={room.sendErrors.get(pending.operationKey)}
      onRetry={() => room.send(pending.draft, pending.operationKey)}
      onDiscard={() => room.discard(pending.operationKey)}
    />
  );
  const divider = (
    <li ref={dividerRef} className="flex items-center gap-3 text-xs font-semibold uppercase tracking-wide text-red-700">
      <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
      {t("newDivider")}
      <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
    </li>
  );

  return (
    <section aria-labelledby="chat-title" className="space-y-4">
      <h2 id="chat-title" className="sr-only">
        {t("title")}
      </h2>
      {room.loadError && <ActionAlert error={room.loadError} />}
      <div
        ref={list}
        role="log"
        aria-label={t("messages")}
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
        }}
        className="max-h-[65dvh] space-y-3 overflow-y-auto rounded-lg bg-slate-50 p-3"
      >
        {room.state.floor && (
          <div className="text-center">
            <Button className="px-3 py-1 text-xs" pending={room.loadingOlder} onClick={room.loadOlder}>
              {room.loadingOlder ? t("loadingOlder") : t("loadOlder")}
            </Button>
          </div>
        )}
        {threads.length === 0 && pendingTop.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("empty")}</p>
        ) : (
          <ol className="space-y-3">
            {threads.map(({ message, replies, earlierReplies }) => {
              const waiting = pendingReplies(message.id);
              return (
                <Fragment key={message.id}>
                  {message.id === unreadFrom && divider}
                  <li>
                    <MessageItem message={message} rights={rights(message)} on={handlers} highlighted={message.id === linked?.messageId} />
                    {(replies.length > 0 || waiting.length > 0) && (
                      <ol
                        aria-label={t("replies", { name: message.authorName })}
                        className="mt-2 ml-4 space-y-2 border-l-2 border-slate-200 pl-3 sm:ml-8"
                      >
                        {earlierReplies > 0 && (
                          <li>
                            <EarlierRepliesButton count={earlierReplies} onLoad={() => room.loadEarlierReplies(message.id)} />
                          </li>
                        )}
                        {replies.map((reply) => (
                          <Fragment key={reply.id}>
                            {reply.id === unreadFrom && divider}
                            <li>
                              <MessageItem
                                message={reply}
                                rights={rights(reply)}
                                on={handlers}
                                highlighted={reply.id === linked?.messageId}
                              />
                            </li>
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
      {archived ? (
        <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("archived")}</p>
      ) : (
        <Composer
          groupId={groupId}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSend={(draft) => {
            atBottom.current = draft.replyToId === null || atBottom.current;
            room.send(draft);
          }}
        />
      )}
    </section>
  );
}
