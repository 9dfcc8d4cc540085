"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";
import type { ChatMessageDto } from "@/lib/chat/queries";
import { Avatar } from "./avatar";
import { EditMessageForm } from "./edit-message-form";
import { hasActions, MessageActions, type MessageRights } from "./message-actions";
import { MessageBody } from "./message-body";

export type { MessageRights } from "./message-actions";

export type MessageHandlers = {
  edit: (messageId: string, body: string) => Promise<ActionResult<ChatMessageDto>>;
  remove: (messageId: string) => Promise<ActionResult<ChatMessageDto>>;
  markAnswered: (messageId: string) => Promise<ActionResult<ChatMessageDto>>;
  reply: (message: ChatMessageDto) => void;
};

/** A message that must open its author's run: its header carries a kind or an admin's mark. */
export const standsAlone = (message: ChatMessageDto) =>
  message.deletedAt === null && (message.kind === "question" || message.kind === "praise" || message.byAdmin);

/**
 * One message as a row of the conversation: the author's avatar, name and time (or, continuing
 * their run, only the text, the name kept for screen readers), its kind, the text (or "Message
 * deleted"), and what the viewer may do with it on hover or focus (`MessageActions`).
 */
export function MessageItem({
  message,
  rights,
  on,
  continued = false,
  highlighted = false,
}: {
  message: ChatMessageDto;
  rights: MessageRights;
  on: MessageHandlers;
  /** Continues the author's run (`placeMessages`): no avatar and no visible name. */
  continued?: boolean;
  /** The message a link led to: ringed, announced as the current one, and focusable so the chat can move to it. */
  highlighted?: boolean;
}) {
  const t = useTranslations("chatTab");
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const deleted = message.deletedAt !== null;
  const at = new Date(message.createdAt);

  const act = (run: () => Promise<ActionResult<ChatMessageDto>>, done: () => void) => {
    setPending(true);
    setError(null);
    void run().then((result) => {
      setPending(false);
      if (result.ok) done();
      else setError(result.error);
    });
  };

  return (
    <article
      id={`message-${message.id}`}
      aria-labelledby={`message-${message.id}-author`}
      aria-current={highlighted ? "true" : undefined}
      tabIndex={highlighted ? -1 : undefined}
      className={`group/message relative flex gap-3 rounded-md px-2 hover:bg-slate-50 focus-within:bg-slate-50 ${continued ? "py-0.5" : "pt-2 pb-0.5"} ${message.kind === "praise" && !deleted ? "bg-amber-50/70" : ""} ${highlighted ? "ring-2 ring-brand-600 outline-none" : ""}`}
    >
      <div className="w-8 shrink-0">{!continued && <Avatar personId={message.authorId} name={message.authorName} />}</div>
      <div className="min-w-0 flex-1">
        <header className={continued ? "sr-only" : "flex flex-wrap items-baseline gap-x-2 gap-y-1"}>
          <span id={`message-${message.id}-author`} className="text-sm font-semibold text-slate-900">
            {message.authorName}
          </span>
          <time dateTime={message.createdAt} title={format.dateTime(at, "moment")} className="text-xs text-slate-600">
            {format.dateTime(at, "time")}
          </time>
          {!deleted && message.kind !== "note" && (
            <Badge tone={message.kind === "praise" ? "warning" : message.kind === "question" ? "brand" : "neutral"}>
              {t(`kinds.${message.kind}`)}
            </Badge>
          )}
          {!deleted && message.byAdmin && message.kind === "note" && <Badge tone="brand">{t("adminNote")}</Badge>}
          {!deleted && message.answeredAt && <Badge tone="success">{t("answered")}</Badge>}
        </header>
        {deleted ? (
          <p className="text-sm text-slate-600 italic">{t("deleted")}</p>
        ) : editing ? (
          <EditMessageForm
            initialBody={message.body}
            pending={pending}
            error={error}
            onCancel={() => {
              setEditing(false);
              setError(null);
            }}
            onSave={(body) =>
              act(
                () => on.edit(message.id, body),
                () => setEditing(false),
              )
            }
          />
        ) : (
          <>
            {message.kind === "praise" && message.praisedUserName && (
              <p className="text-sm font-medium text-amber-900">{t("praised", { name: message.praisedUserName })}</p>
            )}
            <div className="text-sm text-slate-800">
              <MessageBody body={message.body} mentionNames={message.mentionNames} />
              {message.editedAt && <span className="ml-1 text-xs text-slate-600">({t("edited")})</span>}
            </div>
          </>
        )}
        {!editing && !confirmDelete && error && (
          <div className="mt-2">
            <ActionAlert error={error} />
          </div>
        )}
      </div>
      {!deleted && !editing && hasActions(message, rights) && (
        <MessageActions
          message={message}
          rights={rights}
          pending={pending}
          onReply={() => on.reply(message)}
          onMarkAnswered={() =>
            act(
              () => on.markAnswered(message.id),
              () => {},
            )
          }
          onEdit={() => setEditing(true)}
          onDelete={() => setConfirmDelete(true)}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={t("delete.title")}
          confirmLabel={t("delete.confirm")}
          pendingLabel={t("delete.pending")}
          danger
          pending={pending}
          error={error}
          onConfirm={() =>
            act(
              () => on.remove(message.id),
              () => setConfirmDelete(false),
            )
          }
          onClose={() => {
            setConfirmDelete(false);
            setError(null);
          }}
        >
          <p>{t("delete.body")}</p>
        </ConfirmDialog>
      )}
    </article>
  );
}
