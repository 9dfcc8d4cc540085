import { describe, expect, it } from "vitest";
import { placeMessages, RUN_GAP_MS } from "./runs";

const at = (minutes: number, day = "2026-03-02") => new Date(Date.parse(`${day}T09:00:00Z`) + minutes * 60_000).toISOString();
const message = (id: string, authorId: string, createdAt: string) => ({ id, authorId, createdAt });
const dayOf = (createdAt: string) => createdAt.slice(0, 10);

describe("placeMessages", () => {
  it("continues an author's run within the gap, and starts again for another author, after the gap or on a new day", () => {
    const messages = [
      message("a1", "ann", at(0)),
      message("a2", "ann", at(2)),
      message("b1", "ben", at(3)),
      message("a3", "ann", at(4)),
      message("a4", "ann", at(4 + RUN_GAP_MS / 60_000)),
      message("a5", "ann", at(1, "2026-03-03")),
    ];
    expect(placeMessages(messages, dayOf)).toEqual([
      { newDay: true, continued: false },
      { newDay: false, continued: true },
      { newDay: false, continued: false },
      { newDay: false, continued: false },
      { newDay: false, continued: false },
      { newDay: true, continued: false },
    ]);
  });

  it("lets a message stand alone, and breaks a run before or after a marked message", () => {
    const messages = [message("a1", "ann", at(0)), message("a2", "ann", at(1)), message("a3", "ann", at(2)), message("a4", "ann", at(3))];
    const placed = placeMessages(messages, dayOf, {
      standsAlone: (m) => m.id === "a2",
      breaksAfter: (m) => m.id === "a3",
    });
    expect(placed.map((p) => p.continued)).toEqual([false, false, true, false]);
    expect(placeMessages(messages, dayOf, { breaksBefore: (m) => m.id === "a3" }).map((p) => p.continued)).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });
});
