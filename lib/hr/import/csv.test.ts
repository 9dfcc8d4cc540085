import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, parseImportCsv, readImportCsv } from "./csv";
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
    const text =
      "\uFEFFemail,name,department\r\nada@example.com,Ada,Sales\r\nbob@example.com,B\u0000ob,Sales\r\nc\u0000@example.com,Cy,\r\n";
    const parsed = parseImportCsv(text);
    expect(parsed.problems).toEqual([
      { row: 3, field: "name", value: "B\\u0000ob", message: "textNul" },
      { row: 4, field: "email", value: "c\\u0000@example.com", message: "textNul" },
    ]);
    // Positive control: the clean row is read, under the BOM-prefixed header.
    expect(parsed.rows).toEqual([{ row: 2, email: "ada@example.com", name: "Ada", department: "Sales", managerEmail: "", groups: [] }]);
  });

  it("refuses names of only invisible characters and removes bidirectional overrides from every cell", () => {
    const parsed = parseImportCsv("email,name,department\na@x.y,\u200B\u200B,\nb@x.y,\u202EBob\u202C,Sa\u2066les\u2069\n");
    expect(parsed.problems).toEqual([{ row: 2, field: "name", value: "\\u200B\\u200B", message: "nameInvisible" }]);
    expect(parsed.rows).toEqual([{ row: 3, email: "b@x.y", name: "Bob", department: "Sales", managerEmail: "", groups: [] }]);
  });

  it("refuses an empty file, an unreadable one, and more rows than the limit", () => {
    expect(() => parseImportCsv("")).toThrow(expect.objectContaining({ code: "import_empty" }));
    expect(() => parseImportCsv('email,name\n"unclosed,x')).toThrow(expect.objectContaining({ code: "import_unreadable" }));
    const tooMany = ["email,name", ...Array.from({ length: 50_001 }, (_, i) => `${i}@x.y,N`)].join("\n");
    expect(() => parseImportCsv(tooMany)).toThrow(expect.objectContaining({ code: "import_too_many_rows" }));
  });
});

describe("readImportCsv, an upload read as it arrives", () => {
  /** A body of `chunks` chunks (or endless), counting how many were pulled. */
  function body(chunk: (index: number) => string, chunks = Infinity) {
    const pulled = { count: 0 };
    const encoder = new TextEncoder();
    async function* stream() {
      for (let index = 0; index < chunks; index++) {
        pulled.count++;
        yield encoder.encode(chunk(index));
      }
    }
    return { stream: stream(), pulled };
  }

  it("reads what parseImportCsv reads, split anywhere, with the text's hash", async () => {
    const text = '\uFEFFName,EMAIL,groups\r\n"Hopper, Grace",Grace@Example.com,"A;B; A ;"\r\n"Say ""hi""\nthere",x@example.com,\r\n';
    const bytes = new TextEncoder().encode(text);
    async function* oneByteAtATime() {
      for (const byte of bytes) yield Uint8Array.of(byte);
    }
    const read = await readImportCsv(oneByteAtATime());
    expect({ rows: read.rows, problems: read.problems }).toEqual(parseImportCsv(text));
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stops at the row past the limit, without reading the rest", async () => {
    const rowsPerChunk = 1_000;
    const { stream, pulled } = body(
      (index) =>
        (index === 0 ? "email,name\n" : "") + Array.from({ length: rowsPerChunk }, (_, i) => `p${index}-${i}@x.example,N\n`).join(""),
    );
    await expect(readImportCsv(stream)).rejects.toMatchObject({ code: "import_too_many_rows", values: { max: IMPORT_MAX_ROWS } });
    expect(pulled.count).toBeLessThanOrEqual(IMPORT_MAX_ROWS / rowsPerChunk + 2);
  });

  it("stops at the byte past 20 MB, without reading the rest", async () => {
    const pulled = { count: 0 };
    async function* stream() {
      // A small start, then a chunk that takes the file one byte past the limit, then more that is never read.
      for (const chunk of [new TextEncoder().encode("email,name\n"), new Uint8Array(IMPORT_MAX_BYTES - 10), new Uint8Array(1)]) {
        pulled.count++;
        yield chunk;
      }
    }
    await expect(readImportCsv(stream())).rejects.toMatchObject({ code: "import_too_large", values: { max: 20 } });
    expect(pulled.count).toBe(2);
  });

  it("takes a file exactly at the limit", async () => {
    const rowsPerChunk = 1_000;
    const { stream } = body(
      (index) =>
        (index === 0 ? "email,name\n" : "") + Array.from({ length: rowsPerChunk }, (_, i) => `p${index}-${i}@x.example,N\n`).join(""),
      IMPORT_MAX_ROWS / rowsPerChunk,
    );
    expect((await readImportCsv(stream)).rows).toHaveLength(IMPORT_MAX_ROWS);
  });
});

describe("validateRows", () => {
  const lookups = {
    departments: new Map([["sales", "d1"]]),
    groups: new Map([
      ["wave", "g1"],
      ["g1", "g1"],
    ]),
    accounts: new Map([["boss@acme.example", { active: true }]]),
    foreignDomains: new Set(["globex.example"]),
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
      [
        row({ department: "Sales", groups: ["Wave", "g1"], managerEmail: "boss@acme.example" }),
        row({ row: 3, email: "b@acme.example", managerEmail: "new@acme.example" }),
      ],
      lookups,
    );
    expect(problems).toEqual([]);
    expect(resolved[0]).toEqual({
      row: 2,
      email: "new@acme.example",
      name: "New",
      departmentId: "d1",
      managerEmail: "boss@acme.example",
      groupIds: ["g1"],
    });
    expect(resolved[1]!.managerEmail).toBe("new@acme.example");
  });

  it("refuses an address on a domain another company registered, with the one message of every path", () => {
    expect(validateRows([row({ email: "other@GLOBEX.example".toLowerCase() })], lookups).problems).toEqual([
      { row: 2, field: "email", value: "other@globex.example", message: "emailDomainForeign" },
    ]);
    expect(en.hr.import.problems.emailDomainForeign).toBe(en.accounts.errors.emailDomainForeign);
  });

  it("quotes each problem's cell back: the group, department or manager not found, a long name cut", () => {
    const long = "N".repeat(250);
    const { problems } = validateRows(
      [
        row({ name: long, department: "Marketing", managerEmail: "nobody@acme.example", groups: ["Wave", "Wave 9"] }),
        row({ row: 3, email: "not-an-address" }),
      ],
      lookups,
    );
    expect(problems).toEqual([
      { row: 2, field: "name", value: `${"N".repeat(60)}…`, message: "nameTooLong" },
      { row: 2, field: "department", value: "Marketing", message: "departmentNotFound" },
      { row: 2, field: "manager_email", value: "nobody@acme.example", message: "managerNotFound" },
      { row: 2, field: "groups", value: "Wave 9", message: "groupNotFound" },
      { row: 3, field: "email", value: "not-an-address", message: "emailInvalid" },
    ]);
  });

  it("never tells another company's person from a new address: not as a row, not as a manager", () => {
    // The lookups hold the company's own people only; another company's address is simply not there.
    const { resolved, problems } = validateRows(
      [row({ email: "someone@elsewhere.example" }), row({ row: 3, email: "b@acme.example", managerEmail: "someone@elsewhere.example" })],
      lookups,
    );
    expect(problems).toEqual([]);
    expect(resolved.map((r) => r.email)).toEqual(["someone@elsewhere.example", "b@acme.example"]);
  });
});
