/**
 * How the chat lays out a list of messages as a conversation: a day heading where the day changes,
 * and a message that continues its author's run (same person, same day, a few minutes after the
 * one before, nothing in between) shown without their name and avatar again.
 */

/** Within this long of the message before, an author's next message continues their run. */
export const RUN_GAP_MS = 5 * 60_000;

export type Runnable = { authorId: string; createdAt: string };

export type Placement = {
  /** The message opens a new day: the chat shows the day above it. */
  newDay: boolean;
  /** The message continues the run of the one before: no name and avatar of its own. */
  continued: boolean;
};

/**
 * Each message's placement. `dayOf` names a moment's day in the reader's time zone; `standsAlone`
 * says a message always opens a run (its header carries something: a kind, an admin's mark) and
 * `breaksAfter` that nothing continues after it (a thread's open replies, the unread divider).
 */
export function placeMessages<M extends Runnable>(
  messages: readonly M[],
  dayOf: (createdAt: string) => string,
  rules: { standsAlone?: (message: M) => boolean; breaksBefore?: (message: M) => boolean; breaksAfter?: (message: M) => boolean } = {},
): Placement[] {
  return messages.map((message, index) => {
    const before = messages[index - 1];
    const newDay = !before || dayOf(before.createdAt) !== dayOf(message.createdAt);
    const continued =
      !!before &&
      !newDay &&
      before.authorId === message.authorId &&
      Date.parse(message.createdAt) - Date.parse(before.createdAt) < RUN_GAP_MS &&
      !rules.standsAlone?.(message) &&
      !rules.breaksBefore?.(message) &&
      !rules.breaksAfter?.(before);
    return { newDay, continued };
  });
}
