import { describe, expect, it } from "vitest";
import type { RealtimeEvent } from "./channels";
import { planCalls } from "./server";

const recorder = () => {
  const sent: { kind: string; size: number }[] = [];
  return {
    sent,
    pusher: {
      trigger: async (channels: string | string[]) => sent.push({ kind: "trigger", size: [channels].flat().length }),
      triggerBatch: async (batch: unknown[]) => sent.push({ kind: "batch", size: batch.length }),
    } as never,
  };
};

describe("publishing within Pusher's limits", () => {
  it("sends single-channel events ten to a batch call", async () => {
    const { sent, pusher } = recorder();
    const events: RealtimeEvent[] = Array.from({ length: 25 }, (_, i) => ({ channels: [`private-user-${i}`], event: "e", data: i }));
    await Promise.all(planCalls(events, pusher).map((call) => call.send()));
    expect(sent).toEqual([
      { kind: "batch", size: 10 },
      { kind: "batch", size: 10 },
      { kind: "batch", size: 5 },
    ]);
  });

  it("fans one event out to at most a hundred channels a call", async () => {
    const { sent, pusher } = recorder();
    const channels = Array.from({ length: 250 }, (_, i) => `private-user-${i}`);
    await Promise.all(planCalls([{ channels, event: "e", data: {} }], pusher).map((call) => call.send()));
    expect(sent.map((s) => s.size)).toEqual([100, 100, 50]);
  });
});
