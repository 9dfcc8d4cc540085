"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type BellLine, type GroupedType, isGrouped } from "@/lib/notifications/bell-lines";
import { calendarDay } from "@/lib/i18n/formats";
import { notificationHref } from "@/lib/notifications/targets";

/** The sentence of a line standing for several notifications of one kind. */
const GROUPED_SENTENCE = {
  "chat.mention": "grouped.mention",
  "chat.answer": "grouped.answer",
  "chat.question": "grouped.question",
  "chat.praise": "grouped.praise",
} as const satisfies Record<GroupedType, string>;

/**
 * One line of the bell. Its sentence opens what it is about (and so reads it, with every notification
 * the line stands for); "Mark as read" reads it without leaving the page.
 */
export function NotificationItem({
  line,
  onOpen,
  onRead,
}: {
  line: BellLine;
  onOpen: (keys: string[]) => void;
  onRead: (keys: string[]) => void;
}) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const { newest, keys } = line;
  const unread = newest.readAt === null;
  const payload = newest.payload as Record<string, string>;
  // A deadline is the learner's calendar day (YYYY-MM-DD): formatted in UTC it stays that day anywhere.
  const values = payload.dueOn ? { ...payload, dueOn: format.dateTime(calendarDay(payload.dueOn), "day") } : payload;
  const { type } = newest;
  const text = t(keys.length > 1 && isGrouped(type) ? GROUPED_SENTENCE[type] : `types.${type}`, { ...values, count: keys.length });
  const href = notificationHref(newest);
  const sentence = (
    <>
      {unread && <span className="sr-only">{t("unread")}: </span>}
      {text}
    </>
  );
  return (
    <li className={unread ? "bg-brand-50" : undefined}>
      <div className="flex items-start gap-3 px-4 py-3">
        <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${unread ? "bg-brand-600" : "bg-transparent"}`} />
        <div className="min-w-0 flex-1">
          <p className="text-sm text-slate-900">
            {href ? (
              <Link href={href} onClick={() => onOpen(keys)} className="block hover:text-brand-800 hover:underline">
                {sentence}
              </Link>
            ) : (
              sentence
            )}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            <time dateTime={newest.createdAt}>{format.dateTime(new Date(newest.createdAt), "moment")}</time>
          </p>
        </div>
        {unread && (
          <button
            type="button"
            onClick={() => onRead(keys)}
            className="shrink-0 rounded px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-100"
          >
            {t("markRead")}
          </button>
        )}
      </div>
    </li>
  );
}
