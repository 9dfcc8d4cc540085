import { z } from "zod";
import { isoInstantField } from "@/lib/dates";

/** Where a page ends: the last row's sort key (creation time, then id), opaque to clients. */
export type Cursor = { createdAt: Date; id: string };

const cursorShape = z.tuple([isoInstantField(), z.uuid()]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([new Date(cursor.createdAt).toISOString(), cursor.id])).toString("base64url");
}

/** Null for anything we did not hand out, which the query schema reports as an invalid cursor. */
export function decodeCursor(value: string): Cursor | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data[0]), id: parsed.data[1] } : null;
  } catch (error) {
    // Not JSON: not one of ours. Anything else is a fault, not a bad cursor.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** `limit` and `cursor` of every list endpoint. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .transform((value, context) => {
      const cursor = decodeCursor(value);
      if (!cursor) context.addIssue({ code: "custom", message: "api.validation.cursorInvalid" });
      return cursor ?? z.NEVER;
    })
    .optional(),
});

/** A page of rows fetched with one extra row: that row's presence says there is a next page. */
export function pageOf<T extends { id: string; createdAt: Date }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
