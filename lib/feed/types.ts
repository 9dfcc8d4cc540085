/** What the feed's server side and the browser share; nothing here touches the database. */
import { z } from "zod";
import { isoInstantField } from "@/lib/dates";
import type { ActivityMessage } from "@/lib/learning/events";

/** Newest first; an entry's `(createdAt, id)` is its position, stable while new entries arrive. */
export const feedCursorSchema = z.object({ createdAt: isoInstantField(), id: z.uuid() });
export type FeedCursor = z.infer<typeof feedCursorSchema>;

/** One line of a group's feed, with everything the page shows for it: the published event's facts, and praise's own. */
export type FeedEntry = Omit<ActivityMessage, "courseId" | "lessonId"> & {
  /** The course the event is about, by name (a certificate names it rather than its serial). */
  courseTitle: string;
  /** Praise only: whom it names, and what was said (empty once the message was deleted). */
  praisedName: string | null;
  praiseText: string | null;
};

export type FeedPage = { entries: FeedEntry[]; hasMore: boolean };
export type FeedSince = { entries: FeedEntry[]; complete: boolean };

/** What the group channel carries for an event; praise adds whom it names and what was said. */
export type LiveActivity = ActivityMessage & { praisedUserName?: string; text?: string };

/** The group's linked course, as the page was read: live events about it are named without a request. */
export type FeedCourse = { id: string; title: string };

/**
 * A live event as a feed entry. A praise event without its words (an older publisher), or an event
 * about a course other than the one the page knows (the group's course changed meanwhile), is not
 * complete here: the client fetches it through the since-cursor query instead.
 */
export function feedEntryFromMessage(message: LiveActivity, course: FeedCourse | null): FeedEntry | null {
  const praise = message.type === "praise";
  if (praise && (message.praisedUserName === undefined || message.text === undefined)) return null;
  if (message.courseId !== course?.id) return null;
  return {
    id: message.id,
    type: message.type,
    createdAt: message.createdAt,
    userId: message.userId,
    userName: message.userName,
    courseTitle: course.title,
    lessonTitle: message.lessonTitle,
    score: message.score,
    badge: message.badge,
    certificateId: message.certificateId,
    serial: message.serial,
    streakDays: message.streakDays,
    praisedName: praise ? (message.praisedUserName ?? null) : null,
    praiseText: praise ? (message.text ?? null) : null,
  };
}
