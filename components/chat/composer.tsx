"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { PersonListbox, personOptionId } from "@/components/ui/person-listbox";
import { usePersonSuggestions } from "@/components/ui/use-person-suggestions";
import { searchMentionableAction } from "@/lib/chat/actions";
import type { ChatMessageDto } from "@/lib/chat/queries";
import type { PersonSuggestion } from "@/lib/people/suggestions";
import { MAX_BODY_LENGTH } from "@/lib/chat/schemas";
import { mentionToken } from "@/lib/chat/mentions";
import { CharacterCounter } from "./character-counter";
import { KindPicker } from "./kind-picker";
import { PraisePicker } from "./praise-picker";
import type { Draft } from "./use-chat-room";

type Kind = ChatMessageDto["kind"];

/** An "@" at the start or after a space, up to the caret: the name being typed (first and last names have spaces). */
const MENTION_AT_CARET = /(?:^|\s)@([^\n@[\]()]{0,40})$/;

/** The kinds a message may have where it is written: an answer only replies to a question, a question opens a thread. */
function kindsFor(replyTo: ChatMessageDto | null): Kind[] {
  if (!replyTo) return ["note", "question", "praise"];
  return replyTo.kind === "question" ? ["answer", "note", "praise"] : ["note", "praise"];
}

/**
 * The message box: kind (a segmented control), text with @mention autocomplete, the colleague for praise, a character
 * counter. Enter sends and Shift+Enter starts a new line; while suggestions are open, the arrow
 * keys move through them, Enter picks the one moved to (or the only good one) and Escape closes them.
 */
export function Composer({
  groupId,
  replyTo,
  onCancelReply,
  onSend,
}: {
  groupId: string;
  replyTo: ChatMessageDto | null;
  onCancelReply: () => void;
  onSend: (draft: Draft) => void;
}) {
  const t = useTranslations("chatTab");
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const caretAfterPick = useRef<number | null>(null);
  const kinds = kindsFor(replyTo);
  // A choice belongs to where it was made: replying to a question starts as an answer.
  const [choice, setChoice] = useState<{ replyToId: string | null; kind: Kind }>({ replyToId: null, kind: "note" });
  const kind = choice.replyToId === (replyTo?.id ?? null) && kinds.includes(choice.kind) ? choice.kind : (kinds[0] ?? "note");
  const setKind = (next: Kind) => setChoice({ replyToId: replyTo?.id ?? null, kind: next });
  const [body, setBody] = useState("");
  const [praised, setPraised] = useState<PersonSuggestion | null>(null);
  const [mentionStart, setMentionStart] = useState<number | null>(null);
  const people = usePersonSuggestions((term: string) => searchMentionableAction({ groupId, term }), { searchEmpty: true });
  const listboxId = `${id}-mentions`;
  const suggesting = mentionStart !== null && (people.results?.length ?? 0) > 0;
  const sendable = body.trim().length > 0 && body.length <= MAX_BODY_LENGTH && (kind !== "praise" || praised !== null);

  useEffect(() => {
    if (replyTo) textarea.current?.focus();
  }, [replyTo]);

  useEffect(() => {
    const caret = caretAfterPick.current;
    if (caret === null || !textarea.current) return;
    caretAfterPick.current = null;
    textarea.current.setSelectionRange(caret, caret);
  });

  const closeMentions = () => {
    setMentionStart(null);
    people.close();
  };

  const followCaret = (value: string, caret: number) => {
    const match = MENTION_AT_CARET.exec(value.slice(0, caret));
    if (!match) return closeMentions();
    const term = match[1] ?? "";
    setMentionStart(caret - term.length - 1);
    people.search(term);
  };

  const pickMention = (person: PersonSuggestion) => {
    const caret = textarea.current?.selectionStart ?? body.length;
    if (mentionStart === null) return;
    const token = `${mentionToken(person.name, person.id)} `;
    setBody(body.slice(0, mentionStart) + token + body.slice(caret));
    caretAfterPick.current = mentionStart + token.length;
    closeMentions();
    textarea.current?.focus();
  };

  const submit = () => {
    if (!sendable) return;
    onSend({
      kind,
      body,
      replyToId: replyTo?.id ?? null,
      praisedUserId: kind === "praise" ? (praised?.id ?? null) : null,
      praisedUserName: kind === "praise" ? (praised?.name ?? null) : null,
    });
    setBody("");
    setKind("note");
    setPraised(null);
    closeMentions();
    onCancelReply();
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggesting && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      people.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (suggesting && (event.key === "Enter" || event.key === "Tab") && people.choice) {
      event.preventDefault();
      pickMention(people.choice);
    } else if (suggesting && event.key === "Enter") {
      // Several alike and none chosen with the arrow keys: Enter neither picks one nor sends a half-typed mention.
      event.preventDefault();
    } else if (event.key === "Escape" && (suggesting || replyTo)) {
      event.preventDefault();
      if (suggesting) closeMentions();
      else onCancelReply();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      aria-labelledby={`${id}-title`}
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id={`${id}-title`} className="sr-only">
        {t("composer.title")}
      </h3>
      {replyTo && (
        <div className="flex items-center justify-between gap-2 rounded-md bg-slate-100 px-3 py-1 text-sm text-slate-800">
          <span className="truncate">{t("composer.replyingTo", { name: replyTo.authorName })}</span>
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={onCancelReply}>
            {t("composer.cancelReply")}
          </Button>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
        <KindPicker kinds={kinds} value={kind} onChange={setKind} />
        {kind === "praise" && <PraisePicker groupId={groupId} picked={praised} onPick={setPraised} />}
      </div>
      <div className="flex items-end gap-2">
        <div className="relative min-w-0 flex-1">
          <label htmlFor={`${id}-body`} className="sr-only">
            {t("composer.label")}
          </label>
          <textarea
            ref={textarea}
            id={`${id}-body`}
            rows={2}
            value={body}
            placeholder={t("composer.placeholder")}
            aria-describedby={`${id}-hint ${id}-counter`}
            aria-autocomplete="list"
            aria-controls={listboxId}
            aria-activedescendant={suggesting && people.active >= 0 ? personOptionId(listboxId, people.active) : undefined}
            aria-invalid={body.length > MAX_BODY_LENGTH || undefined}
            onChange={(event) => {
              setBody(event.target.value);
              followCaret(event.target.value, event.target.selectionStart);
            }}
            onKeyDown={onKeyDown}
            onBlur={closeMentions}
            className={`${inputClass} max-h-48 resize-y`}
          />
          <PersonListbox
            id={listboxId}
            results={mentionStart === null ? null : people.results}
            active={people.active}
            onActivate={people.setActive}
            onPick={pickMention}
            className="absolute bottom-full left-0 z-10 mb-1 w-72 max-w-full"
          />
        </div>
        <Button type="submit" variant="primary" disabled={!sendable}>
          {t("composer.send")}
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-3">
        <p id={`${id}-hint`} className="text-xs text-slate-600 max-sm:sr-only">
          {t("composer.hint")}
        </p>
        <CharacterCounter id={`${id}-counter`} length={body.length} />
      </div>
    </form>
  );
}
