import { describe, expect, it } from "vitest";
import { mergeFeed, newestCursor, oldestCursor, syncedCursor } from "./merge";
import { type FeedEntry, feedEntryFromMessage } from "./types";

const entry = (id: string, createdAt: string, lessonTitle = id): FeedEntry => ({
  id,
  createdAt,
  lessonTitle,
  type: "lesson_completed",
  userId: "u",
  userName: "Ann",
  courseTitle: "Security",
  score: null,
  badge: null,
  certificateId: null,
  serial: null,
  streakDays: null,
  praisedName: null,
  praiseText: null,
});

const a = entry("00000000-0000-4000-8000-00000000000a", "2026-03-01T09:00:00.000Z");
const b = entry("00000000-0000-4000-8000-00000000000b", "2026-03-01T09:00:00.000Z");
const c = entry("00000000-0000-4000-8000-00000000000c", "2026-03-01T09:05:00.000Z");

describe("the client's feed merge", () => {
  it("keeps each entry once, newest first, ties by id as the server orders them", () => {
    expect(mergeFeed([b, a], [c, a]).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
  });

  it("orders entries that arrive out of order and lets the later copy of an entry win", () => {
    const renamed = { ...a, userName: "Ann B." };
    const merged = mergeFeed([a], [c, b, renamed]);
    expect(merged.map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    expect(merged[2]!.userName).toBe("Ann B.");
  });

  it("gives the cursors of the newest and the oldest entry held", () => {
    const feed = mergeFeed([], [a, b, c]);
    expect(newestCursor(feed)).toEqual({ createdAt: c.createdAt, id: c.id });
    expect(oldestCursor(feed)).toEqual({ createdAt: a.createdAt, id: a.id });
    expect(newestCursor([])).toBeNull();
  });
});

describe("where the feed's next resync starts", () => {
  const cursor = (e: FeedEntry) => ({ createdAt: e.createdAt, id: e.id });

  it("is the newest entry fetched complete, never one that arrived live after a missed one", () => {
    // The page showed a; b was published while the page was not listening; c then arrived live.
    let synced = syncedCursor(null, [a]);
    const held = mergeFeed([a], [c]);
    expect(newestCursor(held)).toEqual(cursor(c));
    expect(synced).toEqual(cursor(a));
    // The resync asks for what is newer than a, so b comes (and c again, held once).
    const fetched = [c, b];
    synced = syncedCursor(synced, fetched);
    expect(mergeFeed(held, fetched).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    expect(synced).toEqual(cursor(c));
  });

  it("never moves back, and starts from nothing for an empty feed", () => {
    expect(syncedCursor(cursor(c), [a])).toEqual(cursor(c));
    expect(syncedCursor(cursor(a), [])).toEqual(cursor(a));
    expect(syncedCursor(null, [])).toBeNull();
  });
});

describe("a live event as a feed entry", () => {
  const message = {
    id: a.id,
    type: "praise" as const,
    createdAt: a.createdAt,
    userId: "u",
    userName: "Ann",
    courseId: "c",
    lessonId: null,
    lessonTitle: null,
    score: null,
    badge: null,
    certificateId: null,
    serial: null,
    streakDays: null,
  };

  const course = { id: "c", title: "Security" };

  it("takes praise with its words, and leaves praise without them to a resync", () => {
    expect(feedEntryFromMessage({ ...message, praisedUserName: "Ben", text: "Thanks!" }, course)).toMatchObject({
      praisedName: "Ben",
      praiseText: "Thanks!",
    });
    expect(feedEntryFromMessage(message, course)).toBeNull();
    expect(feedEntryFromMessage({ ...message, type: "lesson_completed", lessonTitle: "Intro" }, course)).toMatchObject({
      lessonTitle: "Intro",
      praisedName: null,
    });
  });

  it("names the group's course, and leaves an event on another course (or a group without one) to a resync", () => {
    const certificate = { ...message, type: "certificate_issued" as const, serial: "C-1" };
    expect(feedEntryFromMessage(certificate, course)).toMatchObject({ courseTitle: "Security", serial: "C-1" });
    expect(feedEntryFromMessage({ ...certificate, courseId: "other" }, course)).toBeNull();
    expect(feedEntryFromMessage(certificate, null)).toBeNull();
  });
});
