"use client";

import { useTranslations } from "next-intl";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import type { ActionError } from "@/lib/actions/safe-action";
import { Avatar } from "./avatar";
import type { PendingMessage } from "./merge";
import { MessageBody } from "./message-body";
import type { Draft } from "./use-chat-room";

/** A message on its way: shown at once, muted; when the server said no, why, with Try again and Discard. */
export function PendingItem({
  pending,
  author,
  error,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage<Draft>;
  author: { id: string; name: string };
  error: ActionError | undefined;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("chatTab");
  return (
    <article
      aria-busy={!pending.failed || undefined}
      className={`flex gap-3 rounded-md px-2 pt-2 pb-0.5 ${pending.failed ? "bg-red-50/60" : "opacity-70"}`}
    >
      <Avatar personId={author.id} name={author.name} />
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-baseline gap-2">
          <span className="text-sm font-semibold text-slate-900">{author.name}</span>
          <span className="text-xs text-slate-600">{pending.failed ? t("notSent") : t("sending")}</span>
        </header>
        {pending.draft.kind === "praise" && pending.draft.praisedUserName && (
          <p className="text-sm font-medium text-amber-900">{t("praised", { name: pending.draft.praisedUserName })}</p>
        )}
        <div className="text-sm text-slate-800">
          <MessageBody body={pending.draft.body} />
        </div>
        {pending.failed && (
          <div className="mt-2 space-y-2">
            {error && <ActionAlert error={error} />}
            <div className="flex gap-2">
              <Button className="px-2 py-1 text-xs" onClick={onRetry}>
                {t("retry")}
              </Button>
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={onDiscard}>
                {t("discard")}
              </Button>
            </div>
          </div>
        )}
      </div>
    </article>
  );
}
