"use client";

import { useFormatter, useTranslations } from "next-intl";
import { calendarDay } from "@/lib/i18n/formats";
import type { NotificationDto } from "@/lib/notifications/types";

export function NotificationItem({ notification, onRead }: { notification: NotificationDto; onRead: (key: string) => void }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const unread = notification.readAt === null;
  const payload = notification.payload as Record<string, string>;
  // A deadline is the learner's calendar day (YYYY-MM-DD): formatted in UTC it stays that day anywhere.
  const values = payload.dueOn ? { ...payload, dueOn: format.dateTime(calendarDay(payload.dueOn), "day") } : payload;
  const text = t(`types.${notification.type}`, values);
  return (
    <li className={unread ? "bg-brand-50" : undefined}>
      <div className="flex items-start gap-3 px-4 py-3">
        <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${unread ? "bg-brand-600" : "bg-transparent"}`} />
        <div className="min-w-0 flex-1">
          <p className="text-sm text-slate-900">
            {unread && <span className="sr-only">{t("unread")}: </span>}
            {text}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            <time dateTime={notification.createdAt}>
              {format.dateTime(new Date(notification.createdAt), { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </p>
        </div>
        {unread && (
          <button
            type="button"
            onClick={() => onRead(notification.key)}
            className="shrink-0 rounded px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-100"
          >
            {t("markRead")}
          </button>
        )}
      </div>
    </li>
  );
}
