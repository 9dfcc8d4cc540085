"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";
import type { ChatMessageDto } from "@/lib/chat/queries";
import { EditMessageForm } from "./edit-message-form";
import { MessageBody } from "./message-body";

export type MessageRights = { edit: boolean; delete: boolean; markAnswered: boolean; reply: boolean };

export type MessageHandlers = {
  edit: (messageId: string, body: string) => Promise<ActionResult<ChatMessageDto>>;
  remove: (messageId: string) => Promise<ActionResult<ChatMessageDto>>;
  markAnswered: (messageId: string) => Promise<ActionResult<ChatMessageDto>>;
  reply: (message: ChatMessageDto) => void;
};

const kindStyles: Record<ChatMessageDto["kind"], string> = {
  note: "border-slate-200 bg-white",
  question: "border-sky-200 bg-sky-50/60",
  answer: "border-slate-200 bg-white",
  praise: "border-amber-300 bg-amber-50",
};

/** One message: who, when, what kind, its text (or "Message deleted"), and what the viewer may do with it. */
export function MessageItem({
  message,
  rights,
  on,
  highlighted = false,
}: {
  message: ChatMessageDto;
  rights: MessageRights;
  on: MessageHandlers;
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
      className={`rounded-lg border px-3 py-2 ${deleted ? "border-dashed border-slate-300 bg-slate-50" : kindStyles[message.kind]} ${highlighted ? "ring-2 ring-brand-500 ring-offset-2 outline-none" : ""}`}
    >
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        <span id={`message-${message.id}-author`} className="font-semibold text-slate-900">
          {message.authorName}
        </span>
        {!deleted && message.kind !== "note" && (
          <Badge tone={message.kind === "praise" ? "warning" : message.kind === "question" ? "brand" : "neutral"}>
            {t(`kinds.${message.kind}`)}
          </Badge>
        )}
        {!deleted && message.byAdmin && message.kind === "note" && <Badge tone="brand">{t("adminNote")}</Badge>}
        {!deleted && message.answeredAt && <Badge tone="success">{t("answered")}</Badge>}
        <time dateTime={message.createdAt} className="text-xs text-slate-600">
          {format.dateTime(new Date(message.createdAt), "moment")}
        </time>
        {!deleted && message.editedAt && <span className="text-xs text-slate-600">({t("edited")})</span>}
      </header>
      {deleted ? (
        <p className="mt-1 text-sm italic text-slate-600">{t("deleted")}</p>
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
            <p className="mt-1 text-sm font-medium text-amber-900">{t("praised", { name: message.praisedUserName })}</p>
          )}
          <div className="mt-1 text-sm text-slate-800">
            <MessageBody body={message.body} mentionNames={message.mentionNames} />
          </div>
        </>
      )}
      {!deleted && !editing && (rights.reply || rights.edit || rights.delete || (rights.markAnswered && !message.answeredAt)) && (
        <div role="group" aria-label={t("actions", { name: message.authorName })} className="mt-2 flex flex-wrap gap-1">
          {rights.reply && (
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => on.reply(message)}>
              {message.kind === "question" ? t("answer") : t("reply")}
            </Button>
          )}
          {rights.markAnswered && !message.answeredAt && (
            <Button
              variant="ghost"
              className="px-2 py-1 text-xs"
              pending={pending}
              onClick={() =>
                act(
                  () => on.markAnswered(message.id),
                  () => {},
                )
              }
            >
              {t("markAnswered")}
            </Button>
          )}
          {rights.edit && (
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(true)}>
              {t("edit.button")}
            </Button>
          )}
          {rights.delete && (
            <Button variant="ghost" className="px-2 py-1 text-xs text-red-800" onClick={() => setConfirmDelete(true)}>
              {t("delete.button")}
            </Button>
          )}
        </div>
      )}
      {!editing && !confirmDelete && error && (
        <div className="mt-2">
          <ActionAlert error={error} />
        </div>
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
