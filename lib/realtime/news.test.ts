import { describe, expect, it } from "vitest";
import { type PersonalNews, type RealtimeEvent, realtimeEvents } from "./channels";
import { mergeNews } from "./news";

const news = (channels: string[], data: PersonalNews): RealtimeEvent => ({ channels, event: realtimeEvents.news, data });
const added = { key: "added" };
const assigned = { key: "assigned" };

describe("one news event per person a delivery", () => {
  it("gathers an add under an assignment rule (added, assigned, assignments changed) into one event for the newcomers", () => {
    const newcomers = ["private-user-a", "private-user-b"];
    const merged = mergeNews([
      news(newcomers, { notifications: [added], assignments: false }),
      { channels: ["private-group-g"], event: "membership.changed", data: {} },
      news(newcomers, { notifications: [assigned], assignments: false }),
      news(newcomers, { notifications: [], assignments: true }),
    ]);
    expect(merged).toEqual([
      { channels: ["private-group-g"], event: "membership.changed", data: {} },
      news(newcomers, { notifications: [added, assigned], assignments: true }),
    ]);
  });

  it("keeps apart the people whose news differ, and lets alike ones share an event", () => {
    const merged = mergeNews([
      news(["private-user-a", "private-user-b", "private-user-c"], { notifications: [added], assignments: false }),
      news(["private-user-b", "private-user-c"], { notifications: [], assignments: true }),
    ]);
    expect(merged).toEqual([
      news(["private-user-a"], { notifications: [added], assignments: false }),
      news(["private-user-b", "private-user-c"], { notifications: [added], assignments: true }),
    ]);
  });

  it("counts a channel named twice in one event once", () => {
    expect(mergeNews([news(["private-user-a", "private-user-a"], { notifications: [added], assignments: false })])).toEqual([
      news(["private-user-a"], { notifications: [added], assignments: false }),
    ]);
  });
});
