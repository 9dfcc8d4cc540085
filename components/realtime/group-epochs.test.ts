import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GroupEpochs } from "./group-epochs";

const group = "0b8a8a4e-5f0e-4c4e-9d55-2f1f1e2a3b4c";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a page's group epochs", () => {
  it("start at the rendered epoch and move to an announced one after the random wait, not before", () => {
    const epochs = new GroupEpochs(undefined, 2000, () => 0.75);
    const changed = vi.fn();
    epochs.onChange(changed);
    expect(epochs.epochOf(group, 3)).toBe(3);
    epochs.announced(group, 4);
    vi.advanceTimersByTime(1499);
    expect(epochs.epochOf(group, 3)).toBe(3);
    vi.advanceTimersByTime(1);
    expect(epochs.epochOf(group, 3)).toBe(4);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it("spread a group's readers over 0–2 s", () => {
    for (const r of [0, 0.5, 0.999]) {
      const epochs = new GroupEpochs(undefined, 2000, () => r);
      epochs.announced(group, 1);
      if (r > 0) {
        vi.advanceTimersByTime(r * 2000 - 1);
        expect(epochs.epochOf(group, 0)).toBe(0);
      }
      vi.advanceTimersByTime(1);
      expect(epochs.epochOf(group, 0)).toBe(1);
    }
  });

  it("make one move for many announcements (every part of the page hears it), to the newest", () => {
    const epochs = new GroupEpochs(undefined, 2000, () => 0.5);
    const changed = vi.fn();
    epochs.onChange(changed);
    epochs.announced(group, 1);
    epochs.announced(group, 1);
    epochs.announced(group, 2);
    vi.advanceTimersByTime(2000);
    expect(epochs.epochOf(group, 0)).toBe(2);
    expect(changed).toHaveBeenCalledTimes(1);
    // An old announcement, heard late, changes nothing; nor does a page rendered earlier.
    epochs.announced(group, 1);
    vi.advanceTimersByTime(2000);
    expect(epochs.epochOf(group, 0)).toBe(2);
    expect(epochs.epochOf(group, 5)).toBe(5);
  });

  it("ask the server after a refusal, once at a time, and move only to a newer epoch", async () => {
    const source = vi.fn(async () => 7);
    const epochs = new GroupEpochs(source);
    epochs.refused(group, 5);
    epochs.refused(group, 5);
    await vi.runAllTimersAsync();
    expect(source).toHaveBeenCalledTimes(1);
    expect(epochs.epochOf(group, 5)).toBe(7);
    // Refused at the current epoch: the person lost the group; nothing moves, nothing loops.
    epochs.refused(group, 7);
    await vi.runAllTimersAsync();
    expect(source).toHaveBeenCalledTimes(2);
    expect(epochs.epochOf(group, 5)).toBe(7);
    const gone = new GroupEpochs(async () => null);
    gone.refused(group, 1);
    await vi.runAllTimersAsync();
    expect(gone.epochOf(group, 1)).toBe(1);
  });

  it("do nothing once closed", () => {
    const epochs = new GroupEpochs(undefined, 2000, () => 0.5);
    epochs.announced(group, 1);
    epochs.close();
    vi.advanceTimersByTime(5000);
    expect(epochs.epochOf(group, 0)).toBe(0);
  });
});
