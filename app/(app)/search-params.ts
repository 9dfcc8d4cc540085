import { z } from "zod";
import { lenientText } from "@/lib/text";

/** A page's query string, as Next hands it over. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const MAX_TERM = 100;

/** One text parameter, cleaned as a search term (`lenientText`); repeated parameters count by their first value. */
export function textParam(value: string | string[] | undefined): string {
  return lenientText((Array.isArray(value) ? value[0] : value) ?? "", MAX_TERM);
}

/** An id from the query string, or null when it is none (a database would refuse to compare it). */
export function uuidParam(value: string | string[] | undefined): string | null {
  const parsed = z.uuid().safeParse(textParam(value));
  return parsed.success ? parsed.data : null;
}

/** A page number from the query string: anything that is not a positive whole number is page 1. */
export function pageParam(value: string | string[] | undefined): number {
  const page = Number(textParam(value));
  return Number.isSafeInteger(page) && page > 1 ? page : 1;
}

/** A link to `path` with the given parameters; empty ones and page 1 are left out. */
export function withParams(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === "" || (name === "page" && value === 1)) continue;
    search.set(name, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
