import { describe, expect, it } from "vitest";
import type { RealtimeEvent } from "./channels";
import { type Call, occupancy, onlyOccupied, planCalls, sendAll } from "./server";

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

describe("publishing at scale", () => {
  it("keeps at most the limit of calls in flight, and a failed call stops no other", async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const calls: Call[] = Array.from({ length: 30 }, (_, i) => ({
      describe: `call ${i}`,
      send: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
        inFlight -= 1;
        if (i === 7) throw new Error("refused");
        done.push(i);
      },
    }));
    await sendAll(calls, 4);
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i !== 7));
  });

  const people = (n: number) => Array.from({ length: n }, (_, i) => `private-user-${i}`);
  const answering = (occupied: string[] | Error) => {
    const asked: unknown[] = [];
    const pusher = {
      get: async (request: unknown) => {
        asked.push(request);
        if (occupied instanceof Error) throw occupied;
        return new Response(JSON.stringify({ channels: Object.fromEntries(occupied.map((name) => [name, {}])) }));
      },
    } as never;
    return { asked, pusher };
  };

  it("sends a fan-out beyond one call only to occupied personal channels, group channels untouched", async () => {
    const { asked, pusher } = answering(["private-user-3", "private-user-150"]);
    const events: RealtimeEvent[] = [
      { channels: [...people(250), "private-group-g-e0"], event: "e", data: {} },
      { channels: ["private-user-9"], event: "f", data: {} },
    ];
    expect(await onlyOccupied(events, occupancy(pusher))).toEqual([
      { channels: ["private-user-3", "private-user-150", "private-group-g-e0"], event: "e", data: {} },
    ]);
    expect(asked).toEqual([{ path: "/channels", params: { filter_by_prefix: "private-user-" } }]);
  });

  it("asks nothing for fan-outs one call carries, and sends to everyone when the question fails", async () => {
    const small = answering([]);
    const events: RealtimeEvent[] = [{ channels: people(100), event: "e", data: {} }];
    expect(await onlyOccupied(events, occupancy(small.pusher))).toEqual(events);
    expect(small.asked).toEqual([]);
    const failing = answering(new Error("down"));
    const large: RealtimeEvent[] = [{ channels: people(101), event: "e", data: {} }];
    expect(await onlyOccupied(large, occupancy(failing.pusher))).toEqual(large);
  });
});
