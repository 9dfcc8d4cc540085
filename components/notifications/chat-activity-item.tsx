"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ChatActivity, SHOWN_COUNT_MAX } from "@/lib/chat/activity";
import { excerpt } from "@/lib/chat/excerpt";

/** One group's chat news in the bell, leading to the chat (where reading it empties the line). */
export function ChatActivityItem({ line, onOpen }: { line: ChatActivity; onOpen: () => void }) {
  const t = useTranslations("notifications.chatActivity");
  const values = { groupName: line.groupName, count: line.unread };
  const text = line.unread > SHOWN_COUNT_MAX ? t(line.level === "all" ? "allMany" : "mentionsMany", values) : t(line.level, values);
  return (
    <li className="bg-brand-50">
      <Link href={`/groups/${line.groupId}/chat`} onClick={onOpen} className="flex items-start gap-3 px-4 py-3 hover:bg-brand-100">
        <span aria-hidden="true" className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-brand-600" />
        <span className="min-w-0 flex-1">
          <span className="block text-sm font-medium text-slate-900">{text}</span>
          {line.latest && (
            <span className="mt-1 block truncate text-xs text-slate-600">
              {t("latest", { authorName: line.latest.authorName, excerpt: excerpt(line.latest.body) })}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
