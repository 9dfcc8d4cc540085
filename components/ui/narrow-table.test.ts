import { describe, expect, it } from "vitest";
import { cssString, narrowTableCss } from "./narrow-table";

describe("narrowTableCss", () => {
  it("labels every column but the important and the unlabelled ones, below sm only, counting the leading cell", () => {
    const css = narrowTableCss(
      "t1",
      [{ label: "Name" }, { label: "Status", important: true }, { label: "Members" }, { label: "Actions", hidden: true }],
      1,
    );
    expect(css.startsWith("@media (width < 40rem){")).toBe(true);
    // The first column's cell is the second of the row, after the checkbox.
    expect(css).toContain('[data-table="t1"] > tbody > tr > td:nth-child(2){order:1;flex-basis:100%}');
    expect(css).toContain('td:nth-child(2)::before{content:"Name";');
    expect(css).not.toContain("nth-child(3)");
    expect(css).toContain('td:nth-child(4)::before{content:"Members";');
    expect(css).toContain("td:nth-child(5){order:2;flex-basis:100%}");
    expect(css).not.toContain('"Actions"');
  });

  it("escapes whatever could end the string or the style element", () => {
    expect(cssString('Progress in "A" </style>')).toBe('"Progress in \\22 A\\22  \\3c \\2f style\\3e "');
    expect(cssString("Fortschritt in Ü")).toBe('"Fortschritt in Ü"');
  });
});
