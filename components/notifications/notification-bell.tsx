"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { SHOWN_COUNT_MAX } from "@/lib/chat/activity";
import type { BellState } from "@/lib/bell/queries";
import { bellLines } from "@/lib/notifications/bell-lines";
import { ChatActivityItem } from "./chat-activity-item";
import { GroupChatWatch } from "./group-chat-watch";
import { NotificationItem } from "./notification-item";
import { useNotificationCenter } from "./use-notification-center";
import { LineIcon } from "@/components/ui/line-icon";

export function NotificationBell({ userId, initial }: { userId: string; initial: BellState }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { total, chat, loaded, failed, pending, refresh, resync, chatMessage, loadMore, markRead, markAllRead } = useNotificationCenter(
    userId,
    initial,
  );
  const chatNews = chat.filter((line) => line.unread > 0);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) refresh();
  };

  const label = total > SHOWN_COUNT_MAX ? t("bellUnreadMany") : total > 0 ? t("bellUnread", { count: total }) : t("bell");

  return (
    <div className="relative">
      {chat.map((line) => (
        <GroupChatWatch key={line.groupId} groupId={line.groupId} epoch={line.epoch} onMessage={chatMessage} onResync={resync} />
      ))}
      <button
        ref={buttonRef}
        type="button"
        onClick={toggle}
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        className="relative rounded-full p-2 text-slate-700 hover:bg-slate-100"
      >
        <LineIcon paths={["M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9", "M10.3 21a1.94 1.94 0 0 0 3.4 0"]} />
        {total > 0 && (
          <span
            data-testid="unread-count"
            className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
          >
            {total > SHOWN_COUNT_MAX ? `${format.number(SHOWN_COUNT_MAX)}+` : format.number(total)}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="region"
          aria-label={t("title")}
          // Narrow screens: a sheet across the screen under the shell's top bar. Wide ones: a popover
          // beside the bell at the sidebar's head, over the page.
          className="fixed inset-x-0 top-(--shell-top) z-20 flex max-h-[calc(100dvh-var(--shell-top))] flex-col border-b border-slate-200 bg-white shadow-lg lg:absolute lg:inset-x-auto lg:top-full lg:left-0 lg:mt-2 lg:max-h-[min(32rem,calc(100dvh-5rem))] lg:w-96 lg:rounded-lg lg:border"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <h2 className="font-semibold text-slate-900">{t("title")}</h2>
            <button
              type="button"
              onClick={markAllRead}
              disabled={total === 0}
              className="text-sm font-medium text-brand-700 hover:underline disabled:cursor-default disabled:text-slate-500 disabled:no-underline"
            >
              {t("markAllRead")}
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={pending}>
            {failed && (
              <p className="px-4 py-3 text-sm text-red-700">
                {t("loadFailed")}{" "}
                <button type="button" onClick={refresh} className="font-medium underline">
                  {t("retry")}
                </button>
              </p>
            )}
            {chatNews.length > 0 && (
              <ul aria-label={t("chatActivity.title")} className="divide-y divide-slate-100 border-b border-slate-200">
                {chatNews.map((line) => (
                  <ChatActivityItem key={line.groupId} line={line} onOpen={() => setOpen(false)} />
                ))}
              </ul>
            )}
            {!loaded && !failed && <p className="px-4 py-6 text-center text-sm text-slate-600">{t("loading")}</p>}
            {loaded && loaded.items.length === 0 && chatNews.length === 0 && (
              <p className="px-4 py-6 text-center text-sm text-slate-600">{t("empty")}</p>
            )}
            {loaded && loaded.items.length > 0 && (
              <ul className="divide-y divide-slate-100">
                {bellLines(loaded.items).map((line) => (
                  <NotificationItem
                    key={line.newest.key}
                    line={line}
                    onRead={markRead}
                    onOpen={(keys) => {
                      markRead(keys);
                      setOpen(false);
                    }}
                  />
                ))}
              </ul>
            )}
            {loaded?.nextCursor && (
              <div className="border-t border-slate-100 p-2 text-center">
                <button type="button" onClick={loadMore} disabled={pending} className="text-sm font-medium text-brand-700 hover:underline">
                  {pending ? t("loading") : t("loadMore")}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
