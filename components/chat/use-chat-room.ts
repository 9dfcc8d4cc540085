"use client";

import { useCallback, useEffect, useReducer, useRef, useState, useTransition } from "react";
import { useChannelEvent, useChannelResync, useGroupChannel } from "@/components/realtime/realtime-provider";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";
import {
  deleteMessageAction,
  editMessageAction,
  loadEarlierRepliesAction,
  loadOlderMessagesAction,
  markAnsweredAction,
  postMessageAction,
} from "@/lib/chat/actions";
import type { ChatMessageEventData } from "@/lib/chat/events";
import type { ChatMessageDto, MessagePage, MessagesSince, ReplyPage } from "@/lib/chat/queries";
import { getJson } from "@/lib/http/get-json";
import { realtimeEvents } from "@/lib/realtime/channels";
import {
  addPending,
  type ChatState,
  dropPending,
  failPending,
  holds,
  initialChat,
  receive,
  receiveEarlierReplies,
  receiveOlder,
  receiveSince,
} from "./merge";
import { useIntentOperations } from "./operation-ids";

/** What the composer sends; also what a pending message shows until the server's copy replaces it. */
export type Draft = {
  kind: ChatMessageDto["kind"];
  body: string;
  replyToId: string | null;
  praisedUserId: string | null;
  praisedUserName: string | null;
};

type State = ChatState<ChatMessageDto, Draft>;
type Event =
  | { type: "receive"; messages: readonly ChatMessageDto[] }
  | { type: "since"; since: MessagesSince }
  | { type: "older"; page: MessagePage }
  | { type: "earlierReplies"; threadId: string; page: ReplyPage }
  | { type: "pending"; operationKey: string; createdAt: string; draft: Draft }
  | { type: "failed"; operationKey: string }
  | { type: "drop"; operationKey: string };

function reduce(state: State, event: Event): State {
  switch (event.type) {
    case "receive":
      return receive(state, event.messages);
    case "since":
      return receiveSince(state, event.since);
    case "older":
      return receiveOlder(state, event.page.messages, event.page.nextCursor !== null, event.page.replyCounts);
    case "earlierReplies":
      return receiveEarlierReplies(state, event.threadId, event.page.messages, event.page.hasMore);
    case "pending":
      return addPending(state, event);
    case "failed":
      return failPending(state, event.operationKey);
    case "drop":
      return dropPending(state, event.operationKey);
  }
}

const unreachable = (): ActionResult<never> => ({ ok: false, error: { code: "unexpected" } });

/** How long sequences may stay missing below one seen (a lost or late event) before a resync fetches them. */
const GAP_WAIT_MS = 3000;

/**
 * A group's chat, live: the first page comes from the server render; realtime events, action
 * responses and resyncs all go through the merge, so a message shows once at its newest version.
 * Every (re)subscription, every notice of a message too large to travel live, and every gap that
 * stays open fetches what changed above the sequence up to which nothing is missing.
 */
export function useChatRoom(groupId: string, channelEpoch: number, initial: MessagePage) {
  const [state, dispatch] = useReducer(reduce, initial, (page) =>
    initialChat<ChatMessageDto, Draft>(page.messages, page.nextCursor !== null, page.lastSeq, page.replyCounts),
  );
  const [sendErrors, setSendErrors] = useState<ReadonlyMap<string, ActionError>>(new Map());
  const [loadError, setLoadError] = useState<ActionError | null>(null);
  const [loadingOlder, startLoadingOlder] = useTransition();
  const channel = useGroupChannel(groupId, channelEpoch);
  // The state as last rendered, read by resync and the event handlers without re-creating them.
  const held = useRef(state);
  useEffect(() => {
    held.current = state;
  });

  // One resync at a time; one asked for meanwhile runs after it, since it may know of a later gap.
  const running = useRef(false);
  const again = useRef(false);
  const resync = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        let seq = held.current.syncedSeq;
        // A long outage may leave more than one batch to fetch.
        for (;;) {
          const result = await getJson<MessagesSince>(`/api/groups/${groupId}/messages?after=${seq}`);
          if (!result.ok) return setLoadError(result.error);
          setLoadError(null);
          dispatch({ type: "since", since: result.data });
          if (!result.data.hasMore) break;
          seq = Math.max(seq, result.data.lastSeq);
        }
      } while (again.current);
    } finally {
      running.current = false;
    }
  }, [groupId]);
  useChannelResync(channel, () => void resync());

  useChannelEvent<ChatMessageEventData>(channel, realtimeEvents.chatMessage, (data) => {
    if (data.groupId !== groupId) return;
    // Too large for Pusher, so only its seq came: fetch it as after a reconnect.
    if ("tooLarge" in data) {
      if (!holds(held.current, data)) void resync();
    } else dispatch({ type: "receive", messages: [data] });
  });

  const gapOpen = state.aheadSeqs.length > 0;
  useEffect(() => {
    if (!gapOpen) return;
    const timer = setTimeout(() => void resync(), GAP_WAIT_MS);
    return () => clearTimeout(timer);
  }, [gapOpen, state.syncedSeq, resync]);

  const send = (draft: Draft, operationKey = crypto.randomUUID()) => {
    setSendErrors((errors) => without(errors, operationKey));
    dispatch({ type: "pending", operationKey, createdAt: new Date().toISOString(), draft });
    void postMessageAction({
      groupId,
      operationId: operationKey,
      kind: draft.kind,
      body: draft.body,
      replyToId: draft.replyToId ?? undefined,
      praisedUserId: draft.praisedUserId ?? undefined,
    })
      .catch(unreachable)
      .then((result) => {
        if (result.ok) return dispatch({ type: "receive", messages: [result.data] });
        dispatch({ type: "failed", operationKey });
        setSendErrors((errors) => new Map(errors).set(operationKey, result.error));
      });
  };

  const discard = (operationKey: string) => {
    dispatch({ type: "drop", operationKey });
    setSendErrors((errors) => without(errors, operationKey));
  };

  const loadOlder = () => {
    const floor = state.floor;
    if (!floor) return;
    startLoadingOlder(async () => {
      const result = await loadOlderMessagesAction({ groupId, before: floor }).catch(unreachable);
      if (!result.ok) return setLoadError(result.error);
      setLoadError(null);
      dispatch({ type: "older", page: result.data });
    });
  };

  /** "Show earlier replies" of a thread: the page before the oldest of its replies shown; resolves once merged. */
  const loadEarlierReplies = async (threadId: string) => {
    const earlier = held.current.earlier.get(threadId);
    if (!earlier) return;
    const result = await loadEarlierRepliesAction({ groupId, messageId: threadId, before: earlier.floor }).catch(unreachable);
    if (!result.ok) return setLoadError(result.error);
    setLoadError(null);
    dispatch({ type: "earlierReplies", threadId, page: result.data });
  };

  /** For edit, delete and "Mark as answered": the server's new version goes through the merge. */
  const applied = (result: ActionResult<ChatMessageDto>) => {
    if (result.ok) dispatch({ type: "receive", messages: [result.data] });
    return result;
  };
  const intent = useIntentOperations();
  const edit = (messageId: string, body: string) =>
    intent(`edit:${messageId}:${body}`, (operationId) => editMessageAction({ messageId, body, operationId }))
      .catch(unreachable)
      .then(applied);
  const remove = (messageId: string) =>
    intent(`delete:${messageId}`, (operationId) => deleteMessageAction({ messageId, operationId }))
      .catch(unreachable)
      .then(applied);
  const markAnswered = (messageId: string) =>
    intent(`answered:${messageId}`, (operationId) => markAnsweredAction({ messageId, operationId }))
      .catch(unreachable)
      .then(applied);

  return { state, sendErrors, loadError, loadingOlder, send, discard, loadOlder, loadEarlierReplies, edit, remove, markAnswered };
}

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
