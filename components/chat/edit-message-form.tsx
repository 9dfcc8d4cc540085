"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import type { ActionError } from "@/lib/actions/safe-action";
import { MAX_BODY_LENGTH } from "@/lib/chat/schemas";
import { CharacterCounter } from "./character-counter";

/** Editing one's own message in place: Enter saves, Escape cancels, as in the composer. */
export function EditMessageForm({
  initialBody,
  pending,
  error,
  onSave,
  onCancel,
}: {
  initialBody: string;
  pending: boolean;
  error: ActionError | null;
  onSave: (body: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("chatTab");
  const tc = useTranslations("common");
  const id = useId();
  const [body, setBody] = useState(initialBody);
  const sendable = body.trim().length > 0 && body.length <= MAX_BODY_LENGTH && !pending;
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (sendable) onSave(body);
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t("edit.label")}
      </label>
      <textarea
        id={id}
        autoFocus
        rows={3}
        value={body}
        aria-describedby={`${id}-counter`}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          } else if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          }
        }}
        className={inputClass}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CharacterCounter id={`${id}-counter`} length={body.length} />
        <div className="flex gap-2">
          <Button onClick={onCancel} disabled={pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" variant="primary" pending={pending} disabled={!sendable}>
            {pending ? t("edit.saving") : t("edit.save")}
          </Button>
        </div>
      </div>
      <ActionAlert error={error} />
    </form>
  );
}
