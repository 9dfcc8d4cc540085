"use client";

import { useFormatter } from "next-intl";

/** Where the chat's day changes: the day written out, on a rule across the conversation. */
export function DayHeading({ at }: { at: string }) {
  const format = useFormatter();
  return (
    <li className="flex items-center gap-3 pt-4 pb-1">
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
      <h3 className="text-xs font-semibold text-slate-600">
        <time dateTime={at}>{format.dateTime(new Date(at), "dateLong")}</time>
      </h3>
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
    </li>
  );
}
