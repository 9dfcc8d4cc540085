import { describe, expect, it } from "vitest";
import { plainExcerpt } from "./excerpt";

describe("the feed's excerpt of a praise", () => {
  it("drops Markdown marks and keeps mentions and link texts readable", () => {
    expect(
      plainExcerpt("Thanks **@[Dana Admin](3f0c2a4e-1b2c-4d5e-8f90-123456789abc)** for [the notes](https://x.example)!\n\n- great"),
    ).toBe("Thanks @Dana Admin for the notes! - great");
  });

  it("cuts long text with an ellipsis", () => {
    expect(plainExcerpt("a".repeat(300), 10)).toBe(`${"a".repeat(9)}…`);
  });
});
