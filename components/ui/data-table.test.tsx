import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { actionsColumn, Cell, type DataColumn, DataTable, Row, RowHeader } from "./data-table";

const sortable = (label: string, direction: "asc" | "desc" | null): DataColumn => ({
  label,
  sort: { direction, href: (next) => `/list?sort=${label}&dir=${next}`, label: (next) => `Sort by ${label}, ${next}` },
});

const render = (columns: readonly DataColumn[]) =>
  renderToStaticMarkup(
    <DataTable label="Teams" columns={columns}>
      <Row>
        <RowHeader>Blue</RowHeader>
        <Cell>3</Cell>
      </Row>
    </DataTable>,
  );

/** The header cell whose text (link or not) is `label`. */
const header = (html: string, label: string) =>
  html.match(new RegExp(`<th scope="col"[^>]*>(?:(?!</th>).)*${label}(?:(?!</th>).)*</th>`))?.[0];

describe("DataTable", () => {
  it("names the table in its scroll region and caption, with column and row headers", () => {
    const html = render([{ label: "Name" }, { label: "Members" }]);
    expect(html).toContain('role="region" aria-label="Teams"');
    expect(html).toContain('<caption class="sr-only">Teams</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="row"[^>]*>Blue<\/th>/);
    expect(html).toMatch(/<td[^>]*>3<\/td>/);
  });

  it("hides a column's label from sight only, and aligns it as asked", () => {
    const cell = header(render([{ label: "Name" }, actionsColumn("Actions")]), "Actions");
    expect(cell).toContain('<span class="sr-only">Actions</span>');
    expect(cell).toContain("text-right");
    expect(cell).not.toContain("text-left");
  });

  it("marks the sorted column with aria-sort and links it the other way; another column links ascending", () => {
    const html = render([sortable("Name", null), sortable("Members", "asc")]);
    const current = header(html, "Members");
    expect(current).toContain('aria-sort="ascending"');
    expect(current).toContain('href="/list?sort=Members&amp;dir=desc"');
    expect(current).toContain('aria-label="Sort by Members, desc"');
    expect(current).toContain('<span aria-hidden="true">▲</span>');
    const other = header(html, "Name");
    expect(other).not.toContain("aria-sort");
    expect(other).toContain('href="/list?sort=Name&amp;dir=asc"');
    expect(other).not.toContain("aria-hidden");
  });

  it("turns a descending column around to ascending", () => {
    const cell = header(render([sortable("Members", "desc")]), "Members");
    expect(cell).toContain('aria-sort="descending"');
    expect(cell).toContain('href="/list?sort=Members&amp;dir=asc"');
    expect(cell).toContain("▼");
  });
});
