import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { parse as parseStream } from "csv-parse";
import { CsvError, parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { cleanText, hasVisibleText, lenientText, shownValue, textProblem } from "@/lib/text";

/** The largest file and the most rows one import takes; more is refused before anything is stored. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

export const IMPORT_COLUMNS = ["email", "name", "department", "manager_email", "groups"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = ["email", "name"];

/**
 * What is wrong with one row (or, as row 1, with the header); `message` is a key under
 * `hr.import.problems`, `value` the cell as the page quotes it back (`shownValue`: escaped, cut).
 */
export type ImportProblem = { row: number; field?: string; value?: string; message: string };

/** One data row as written in the file; `row` is its record number counting the header as 1, as spreadsheets do. */
export type CsvRow = {
  row: number;
  email: string;
  name: string;
  department: string;
  managerEmail: string;
  groups: string[];
};

export type ParsedCsv = { rows: CsvRow[]; problems: ImportProblem[] };

const tooLarge = () => new AppError("import_too_large", { max: IMPORT_MAX_BYTES / 1024 / 1024 });
const tooManyRows = () => new AppError("import_too_many_rows", { max: IMPORT_MAX_ROWS });

/** RFC 4180 through csv-parse: quoted fields, embedded commas, quotes and line breaks; a UTF-8 BOM and CRLF line ends. */
const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true } as const;

/**
 * What a file says, record by record as csv-parse yields them: the header names the columns in any
 * order and case (unknown or missing columns are problems of row 1), then each data row. Cells are
 * cleaned as all text people type (`lib/text.ts`); a cell that cannot be stored (NUL, a broken
 * character) or a name with nothing visible is a problem of its row. The row past IMPORT_MAX_ROWS
 * throws at once, so a reader stops there.
 */
function importRecords() {
  let header: string[] | null = null;
  const headerProblems: ImportProblem[] = [];
  const rows: CsvRow[] = [];
  const problems: ImportProblem[] = [];
  let dataRows = 0;
  const at = (column: ImportColumn) => header!.indexOf(column);
  const cell = (record: string[], column: ImportColumn) => (at(column) < 0 ? "" : cleanText(record[at(column)] ?? ""));
  return {
    add(record: string[]): void {
      if (header === null) {
        // Column names are reported back: only what can be stored.
        header = record.map((cell) => lenientText(cell, 100).toLowerCase());
        header.forEach((column) => {
          if (!(IMPORT_COLUMNS as readonly string[]).includes(column))
            headerProblems.push({ row: 1, field: column, message: "columnUnknown" });
        });
        for (const column of REQUIRED_COLUMNS) {
          if (!header.includes(column)) headerProblems.push({ row: 1, field: column, message: "columnMissing" });
        }
        return;
      }
      dataRows += 1;
      if (dataRows > IMPORT_MAX_ROWS) throw tooManyRows();
      if (headerProblems.length > 0) return;
      const row = dataRows + 1;
      if (record.length !== header.length) {
        problems.push({ row, message: "columnCount" });
        return;
      }
      const unstorable = record.findIndex((value) => textProblem(value) !== null);
      if (unstorable >= 0) {
        problems.push({
          row,
          field: header[unstorable],
          value: shownValue(record[unstorable]!),
          message: textProblem(record[unstorable]!) === "nul" ? "textNul" : "textLoneSurrogate",
        });
        return;
      }
      const name = cell(record, "name");
      if (name && !hasVisibleText(name)) {
        problems.push({ row, field: "name", value: shownValue(name), message: "nameInvisible" });
        return;
      }
      rows.push({
        row,
        email: cell(record, "email").toLowerCase(),
        name,
        department: cell(record, "department"),
        managerEmail: cell(record, "manager_email").toLowerCase(),
        groups: [
          ...new Set(
            cell(record, "groups")
              .split(";")
              .map((group) => group.trim())
              .filter(Boolean),
          ),
        ],
      });
    },
    finish(): ParsedCsv {
      if (header === null) throw new AppError("import_empty");
      return headerProblems.length > 0 ? { rows: [], problems: headerProblems } : { rows, problems };
    },
  };
}

/**
 * Reads an import file held in memory (see `readImportCsv` for an upload, read as it arrives). Throws
 * only for what makes the file unreadable or too large; stops at the row past the limit.
 */
export function parseImportCsv(text: string): ParsedCsv {
  if (text.length > IMPORT_MAX_BYTES) throw tooLarge();
  let records: string[][];
  try {
    // One record more than a full file has (header + IMPORT_MAX_ROWS) is enough to know it is too long.
    records = parse(text, { ...CSV_OPTIONS, to: IMPORT_MAX_ROWS + 2 });
  } catch (error) {
    throw error instanceof CsvError ? new AppError("import_unreadable") : error;
  }
  const file = importRecords();
  for (const record of records) file.add(record);
  return file.finish();
}

/**
 * Reads an upload as it arrives, never holding more than the rows read so far: bytes are counted
 * (the byte past IMPORT_MAX_BYTES stops it), decoded as UTF-8, parsed by csv-parse's stream and
 * taken record by record (the row past IMPORT_MAX_ROWS stops it); whatever is left of the body is
 * then not read. Also gives the SHA-256 of the text, which tells the same file imported again.
 */
export async function readImportCsv(body: AsyncIterable<Uint8Array>): Promise<ParsedCsv & { hash: string }> {
  const hash = createHash("sha256");
  const file = importRecords();
  async function* text() {
    const decoder = new TextDecoder("utf-8");
    let bytes = 0;
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      if (bytes > IMPORT_MAX_BYTES) throw tooLarge();
      const part = decoder.decode(chunk, { stream: true });
      hash.update(part);
      yield part;
    }
    const rest = decoder.decode();
    hash.update(rest);
    yield rest;
  }
  try {
    await pipeline(text, parseStream(CSV_OPTIONS), async (records: AsyncIterable<string[]>) => {
      for await (const record of records) file.add(record);
    });
  } catch (error) {
    throw error instanceof AppError ? error : new AppError("import_unreadable");
  }
  return { ...file.finish(), hash: hash.digest("hex") };
}
