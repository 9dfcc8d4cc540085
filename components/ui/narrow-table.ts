/**
 * How a DataTable reads on a narrow screen (below Tailwind's `sm`, 40rem): each row a list item whose
 * first line holds its row header and its important columns; every other column below it on a line
 * of its own, "label value", the label from the column's header (a table's cells do not know their
 * column, so the rules go by position). The rules are scoped to one table by a data attribute.
 */

/** What the narrow layout needs of a column. */
export type NarrowColumn = { label: string; hidden?: boolean; important?: boolean };

/** `text` as a CSS string: every character but letters, digits and spaces as a hex escape, so no text can end the string or the `<style>`. */
export const cssString = (text: string) =>
  `"${[...text].map((char) => (/[\p{L}\p{N} ]/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `)).join("")}"`;

/** The CSS for the table marked `data-table="<scope>"`; `leading` counts the cells before the columns (a checkbox). */
export function narrowTableCss(scope: string, columns: readonly NarrowColumn[], leading: number): string {
  const rules = columns.flatMap((column, index) => {
    if (column.important) return [];
    const cell = `[data-table="${scope}"] > tbody > tr > td:nth-child(${index + 1 + leading})`;
    // A column whose header is for screen readers only (the row's buttons) comes last, unlabelled.
    if (column.hidden) return [`${cell}{order:2;flex-basis:100%}`];
    return [
      `${cell}{order:1;flex-basis:100%}`,
      `${cell}::before{content:${cssString(column.label)};margin-inline-end:0.5rem;font-weight:600;color:var(--color-slate-600)}`,
    ];
  });
  return `@media (width < 40rem){${rules.join("")}}`;
}
