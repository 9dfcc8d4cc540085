/** One page of a list, with what the pager needs. */
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

/** The page asked for (the first when absent or below 1) and the rows it starts after. */
export function pageWindow(requested: number | undefined, pageSize: number): { page: number; limit: number; offset: number } {
  const page = Math.max(1, requested ?? 1);
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}

/**
 * Where a download resumes, batch after batch: the last row's sort key (null sorts last in either
 * direction), its name and its id, the order sorted lists and exports use (`key, name, id`). A keyset reads each batch from where the last stopped, so the 50th batch
 * costs what the first did; an offset would walk every row before it again.
 */
export type SortPosition = { key: string | number | null; name: string; id: string };
