/** One page of a list, with what the pager needs. */
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

/** The page asked for (the first when absent or below 1) and the rows it starts after. */
export function pageWindow(requested: number | undefined, pageSize: number): { page: number; limit: number; offset: number } {
  const page = Math.max(1, requested ?? 1);
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}
