"use client";

import { useTranslations } from "next-intl";
import type { ChatMessageDto } from "@/lib/chat/queries";
import { type MenuItem, MoreMenu } from "./more-menu";

export type MessageRights = { edit: boolean; delete: boolean; markAnswered: boolean; reply: boolean };

/** Whether a message offers the viewer anything to do with it now. */
export const hasActions = (message: ChatMessageDto, rights: MessageRights) =>
  rights.reply || rights.edit || rights.delete || (rights.markAnswered && !message.answeredAt);

/**
 * A message's toolbar: Reply (Answer to a question) and Mark as answered as buttons, Edit and Delete
 * in the "⋯" menu. It floats over the message's corner and shows while the pointer is over the
 * message or focus is inside it (so a keyboard reaches it by Tab; a pointer over its corner is over
 * its message, so it shows before it can be clicked), and with its menu open it rises above the
 * neighbours' toolbars. On touch screens, which have no hover, it stays in view, in the row.
 */
export function MessageActions({
  message,
  rights,
  pending,
  onReply,
  onMarkAnswered,
  onEdit,
  onDelete,
}: {
  message: ChatMessageDto;
  rights: MessageRights;
  pending: boolean;
  onReply: () => void;
  onMarkAnswered: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations("chatTab");
  const more: MenuItem[] = [
    ...(rights.edit ? [{ label: t("edit.button"), onSelect: onEdit }] : []),
    ...(rights.delete ? [{ label: t("delete.button"), onSelect: onDelete, danger: true }] : []),
  ];
  const text = "rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60";
  return (
    <div
      role="group"
      aria-label={t("actions", { name: message.authorName })}
      className="absolute -top-3 right-2 z-10 flex items-center gap-0.5 rounded-md border border-slate-200 bg-white p-0.5 opacity-0 shadow-sm transition-opacity group-focus-within/message:opacity-100 group-hover/message:opacity-100 has-[[aria-expanded=true]]:z-30 has-[[aria-expanded=true]]:opacity-100 [@media(hover:none)]:static [@media(hover:none)]:self-start [@media(hover:none)]:opacity-100"
    >
      {rights.reply && (
        <button type="button" className={text} onClick={onReply}>
          {message.kind === "question" ? t("answer") : t("reply")}
        </button>
      )}
      {rights.markAnswered && !message.answeredAt && (
        <button type="button" className={text} disabled={pending} aria-busy={pending || undefined} onClick={onMarkAnswered}>
          {t("markAnswered")}
        </button>
      )}
      {more.length > 0 && <MoreMenu label={t("more", { name: message.authorName })} items={more} />}
    </div>
  );
}
