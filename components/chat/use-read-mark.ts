"use client";

import { useCallback, useEffect, useMemo } from "react";

/** While messages keep arriving in a chat being read, its read mark goes out at most this often. */
export const READ_MARK_EVERY_MS = 5_000;

const storageKey = (groupId: string) => `cohort.chat-read.${groupId}`;

/**
 * Up to which message this tab last saw the group's chat (sessionStorage): the divider of a reload
 * that comes before the server has the page's last mark.
 */
export function seenHere(groupId: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(groupId));
  } catch {
    // Storage refused (a privacy mode): the server's mark alone decides.
    return null;
  }
}

function remember(groupId: string, newestAt: string) {
  try {
    const before = sessionStorage.getItem(storageKey(groupId));
    if (!before || before < newestAt) sessionStorage.setItem(storageKey(groupId), newestAt);
  } catch {
    // As above: nothing to remember with.
  }
}

/** `keepalive`: the request outlives the page (a reload, a closed tab), which a server action's does not. */
function sendMark(groupId: string) {
  void fetch(`/api/groups/${groupId}/read`, {
    method: "POST",
    keepalive: true,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operationId: crypto.randomUUID() }),
  }).catch(() => undefined);
}

/**
 * When a chat's read mark goes out: at once after a quiet spell, then at most once per `everyMs` while
 * messages keep coming (a chat read by 1,000 people would otherwise cost a thousand marks per message),
 * and whatever is still owed whenever `flush` is called (the page hidden, left or unmounted).
 */
export class ReadMarkSchedule {
  private lastSent = Number.NEGATIVE_INFINITY;
  private owed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: () => void,
    private readonly everyMs = READ_MARK_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The reader has the newest message in view. */
  seen() {
    this.owed = true;
    const wait = this.lastSent + this.everyMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Sends what is owed now, if anything. */
  flush = () => {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.owed) return;
    this.owed = false;
    this.lastSent = this.now();
    this.send();
  };
}

/**
 * Marks a group's chat read as its reader sees it (`ReadMarkSchedule`), remembering in this tab up to
 * which message. Returns `seen`: call it with the newest message's time whenever the reader has it in view.
 */
export function useReadMark(groupId: string): (newestAt: string | null) => void {
  const schedule = useMemo(() => new ReadMarkSchedule(() => sendMark(groupId)), [groupId]);

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === "hidden") schedule.flush();
    };
    window.addEventListener("pagehide", schedule.flush);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", schedule.flush);
      document.removeEventListener("visibilitychange", onHidden);
      schedule.flush();
    };
  }, [schedule]);

  return useCallback(
    (newestAt: string | null) => {
      if (newestAt) remember(groupId, newestAt);
      schedule.seen();
    },
    [groupId, schedule],
  );
}
