/**
 * CSV for spreadsheets. A cell that a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) is prefixed with an apostrophe, which spreadsheets show as
 * text: a name like `=HYPERLINK(…)` typed by a user must never run on an admin's machine.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvCell).join(",")}\r\n`;

/**
 * A streamed CSV download: the header, then each batch of rows as the database hands it over, so a
 * 10,000-member group never sits in memory as one string. A byte-order mark lets Excel read UTF-8.
 */
export function csvResponse(filename: string, header: readonly string[], batches: AsyncIterable<readonly CsvValue[][]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        for await (const rows of batches) controller.enqueue(encoder.encode(rows.map(csvLine).join("")));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, "-")}"`,
      "cache-control": "no-store",
    },
  });
}
