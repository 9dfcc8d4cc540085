import { describe, expect, it } from "vitest";
import { parseImportCsv } from "./csv";
import { validateRows } from "./validate";

describe("parseImportCsv", () => {
  it("reads quoted fields with commas, quotes and line breaks, a BOM and CRLF, in any column order and case", () => {
    const text = '\uFEFFName,EMAIL,groups\r\n"Hopper, Grace",Grace@Example.com,"A;B; A ;"\r\n"Say ""hi""\nthere",x@example.com,\r\n';
    expect(parseImportCsv(text)).toEqual({
      problems: [],
      rows: [
        { row: 2, email: "grace@example.com", name: "Hopper, Grace", department: "", managerEmail: "", groups: ["A", "B"] },
        // A name is one line: its line break reads as a space.
        { row: 3, email: "x@example.com", name: 'Say "hi" there', department: "", managerEmail: "", groups: [] },
      ],
    });
  });

  it("reports unknown and missing columns as row 1, and rows of the wrong width by their number", () => {
    expect(parseImportCsv("email,team\na@b.c,x").problems).toEqual([
      { row: 1, field: "team", message: "columnUnknown" },
      { row: 1, field: "name", message: "columnMissing" },
    ]);
    expect(parseImportCsv("email,name\na@b.c\nb@b.c,B").problems).toEqual([{ row: 2, message: "columnCount" }]);
  });

  it("reads a BOM file with NUL bytes: the header as usual, each NUL as a problem naming its row and column", () => {
    const text = "\uFEFFemail,name,department\r\nada@example.com,Ada,Sales\r\nbob@example.com,B\u0000ob,Sales\r\nc\u0000@example.com,Cy,\r\n";
    const parsed = parseImportCsv(text);
    expect(parsed.problems).toEqual([
      { row: 3, field: "name", message: "textNul" },
      { row: 4, field: "email", message: "textNul" },
    ]);
    // Positive control: the clean row is read, under the BOM-prefixed header.
    expect(parsed.rows).toEqual([{ row: 2, email: "ada@example.com", name: "Ada", department: "Sales", managerEmail: "", groups: [] }]);
  });

  it("refuses names of only invisible characters and removes bidirectional overrides from every cell", () => {
    const parsed = parseImportCsv("email,name,department\na@x.y,\u200B\u200B,\nb@x.y,\u202EBob\u202C,Sa\u2066les\u2069\n");
    expect(parsed.problems).toEqual([{ row: 2, field: "name", message: "nameInvisible" }]);
    expect(parsed.rows).toEqual([{ row: 3, email: "b@x.y", name: "Bob", department: "Sales", managerEmail: "", groups: [] }]);
  });

  it("refuses an empty file, an unreadable one, and more rows than the limit", () => {
    expect(() => parseImportCsv("")).toThrow(expect.objectContaining({ code: "import_empty" }));
    expect(() => parseImportCsv('email,name\n"unclosed,x')).toThrow(expect.objectContaining({ code: "import_unreadable" }));
    const tooMany = ["email,name", ...Array.from({ length: 50_001 }, (_, i) => `${i}@x.y,N`)].join("\n");
    expect(() => parseImportCsv(tooMany)).toThrow(expect.objectContaining({ code: "import_too_many_rows" }));
  });
});

describe("validateRows", () => {
  const lookups = {
    departments: new Map([["sales", "d1"]]),
    groups: new Map([
      ["wave", "g1"],
      ["g1", "g1"],
    ]),
    accounts: new Map([
      ["boss@acme.example", { inCompany: true, active: true }],
      ["other@globex.example", { inCompany: false, active: true }],
    ]),
  };
  const row = (over: Partial<Parameters<typeof validateRows>[0][number]>) => ({
    row: 2,
    email: "new@acme.example",
    name: "New",
    department: "",
    managerEmail: "",
    groups: [],
    ...over,
  });

  it("resolves names and ids, and a manager who is a row of the same file", () => {
    const { resolved, problems } = validateRows(
      [row({ department: "Sales", groups: ["Wave", "g1"], managerEmail: "boss@acme.example" }), row({ row: 3, email: "b@acme.example", managerEmail: "new@acme.example" })],
      lookups,
    );
    expect(problems).toEqual([]);
    expect(resolved[0]).toEqual({ row: 2, email: "new@acme.example", name: "New", departmentId: "d1", managerEmail: "boss@acme.example", groupIds: ["g1"] });
    expect(resolved[1]!.managerEmail).toBe("new@acme.example");
  });

  it("says an address of another company cannot be used, without naming it", () => {
    expect(validateRows([row({ email: "other@globex.example" })], lookups).problems).toEqual([
      { row: 2, field: "email", message: "emailUnavailable" },
    ]);
  });
});
