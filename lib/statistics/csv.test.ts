import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvResponse } from "./csv";

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
  ])("neutralizes a formula: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("leaves ordinary text and numbers alone, and quotes what needs quoting", () => {
    expect(csvCell("Dana Admin")).toBe("Dana Admin");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(42.5)).toBe("42.5");
    expect(csvCell("Smith, Jane")).toBe('"Smith, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("streams the header and every batch, with a byte-order mark", async () => {
    async function* batches() {
      yield [["Ann", 10]];
      yield [
        ["=cmd", 20],
        ["Bo", null],
      ];
    }
    const response = csvResponse("members of Wave 1.csv", ["name", "percent"], batches());
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="members-of-Wave-1.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("name,percent\r\nAnn,10\r\n'=cmd,20\r\nBo,\r\n");
  });
});
