import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { cleanText, hasVisibleText, lenientText, textProblem } from "@/lib/text";

/** The largest file and the most rows one import takes; more is refused before anything is stored. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

export const IMPORT_COLUMNS = ["email", "name", "department", "manager_email", "groups"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = ["email", "name"];

/** What is wrong with one row (or, as row 1, with the header); `message` is a key under `hr.import.problems`. */
export type ImportProblem = { row: number; field?: string; message: string };

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

/**
 * Reads an import file (RFC 4180 through csv-parse: quoted fields, embedded commas, quotes and line
 * breaks; a UTF-8 BOM and CRLF line ends are accepted). The header names the columns in any order
 * and case; unknown or missing columns are reported as problems of row 1. Cells are cleaned as all
 * text people type (`lib/text.ts`); a cell that cannot be stored (NUL, a broken character) or a name
 * with nothing visible is a problem of its row. Throws only for what makes the file unreadable or too large.
 */
export function parseImportCsv(text: string): ParsedCsv {
  if (text.length > IMPORT_MAX_BYTES) throw new AppError("import_too_large", { max: IMPORT_MAX_BYTES / 1024 / 1024 });
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    throw new AppError("import_unreadable");
  }
  if (records.length === 0) throw new AppError("import_empty");
  if (records.length - 1 > IMPORT_MAX_ROWS) throw new AppError("import_too_many_rows", { max: IMPORT_MAX_ROWS });

  // Column names are reported back: only what can be stored.
  const header = records[0]!.map((cell) => lenientText(cell, 100).toLowerCase());
  const problems: ImportProblem[] = [];
  header.forEach((column) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) problems.push({ row: 1, field: column, message: "columnUnknown" });
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) problems.push({ row: 1, field: column, message: "columnMissing" });
  }
  if (problems.length > 0) return { rows: [], problems };

  const at = (column: ImportColumn) => header.indexOf(column);
  const cell = (record: string[], column: ImportColumn) => (at(column) < 0 ? "" : cleanText(record[at(column)] ?? ""));
  const rows: CsvRow[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    if (record.length !== header.length) {
      problems.push({ row, message: "columnCount" });
      return;
    }
    const unstorable = record.findIndex((value) => textProblem(value) !== null);
    if (unstorable >= 0) {
      problems.push({ row, field: header[unstorable], message: textProblem(record[unstorable]!) === "nul" ? "textNul" : "textLoneSurrogate" });
      return;
    }
    const name = cell(record, "name");
    if (name && !hasVisibleText(name)) {
      problems.push({ row, field: "name", message: "nameInvisible" });
      return;
    }
    rows.push({
      row,
      email: cell(record, "email").toLowerCase(),
      name,
      department: cell(record, "department"),
      managerEmail: cell(record, "manager_email").toLowerCase(),
      groups: [...new Set(cell(record, "groups").split(";").map((group) => group.trim()).filter(Boolean))],
    });
  });
  return { rows, problems };
}
