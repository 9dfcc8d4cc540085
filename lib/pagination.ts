/** One page of a list, with what the pager needs. */
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

/** The page asked for (the first when absent or below 1) and the rows it starts after. */
export function pageWindow(requested: number | undefined, pageSize: number): { page: number; limit: number; offset: number } {
  const page = Math.max(1, requested ?? 1);
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

/** The most options one answer of a picker carries: beyond them, the picker narrows by what is typed. */
export const OPTIONS_LIMIT = 50;

/** A picker's options: the first matches, and whether there are more than it shows. */
export type OptionPage<T> = { options: T[]; more: boolean };

/** Rows read with `limit OPTIONS_LIMIT + 1`, as a picker's page. */
export function optionPage<T>(rows: readonly T[]): OptionPage<T> {
  return { options: rows.slice(0, OPTIONS_LIMIT), more: rows.length > OPTIONS_LIMIT };
}
