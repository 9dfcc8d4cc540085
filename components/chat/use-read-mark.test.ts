import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReadMarkSchedule } from "./use-read-mark";

describe("the read mark's schedule", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const schedule = () => {
    const send = vi.fn();
    return { send, marks: new ReadMarkSchedule(send, 5_000, () => Date.now()) };
  };

  it("marks at once after a quiet spell, then once per window however many messages come", () => {
    const { send, marks } = schedule();
    marks.seen();
    expect(send).toHaveBeenCalledTimes(1);
    for (let message = 0; message < 20; message++) {
      vi.advanceTimersByTime(200);
      marks.seen();
    }
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(send).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(send).toHaveBeenCalledTimes(2);
    marks.seen();
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("sends what is owed when flushed (the page hidden or left), and nothing when nothing is", () => {
    const { send, marks } = schedule();
    marks.seen();
    marks.seen();
    expect(send).toHaveBeenCalledTimes(1);
    marks.flush();
    expect(send).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    marks.flush();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
