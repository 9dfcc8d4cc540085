"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, type ReactNode, type RefObject, useId, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { inputClass } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { PersonSuggestion } from "@/lib/people/suggestions";
import { PersonListbox, personComboboxAttributes } from "./person-listbox";
import { usePersonSuggestions } from "./use-person-suggestions";

/**
 * The one person picker of forms and dialogs (add members, assignments, HR's forms): an ARIA combobox
 * over a people search. Arrow keys move through the suggestions (none is active before they do),
 * Enter picks the one moved to or an unambiguous one, Escape closes the list; a pick empties the field
 * for the next. Suggestions the caller cannot act on are shown disabled with a badge saying why.
 */
export function PersonCombobox<T extends PersonSuggestion>({
  label,
  find,
  onPick,
  disabled,
  badge,
  inputRef,
}: {
  label: string;
  find: (term: string) => Promise<ActionResult<T[]>>;
  onPick: (person: T) => void;
  disabled?: (person: T) => boolean;
  badge?: (person: T) => ReactNode;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const t = useTranslations("personPicker");
  const inputId = useId();
  const hintId = useId();
  const listboxId = useId();
  const [term, setTerm] = useState("");
  const [open, setOpen] = useState(false);
  const people = usePersonSuggestions(find);
  const expanded = open && (people.results?.length ?? 0) > 0;

  const type = (value: string) => {
    setTerm(value);
    setOpen(true);
    people.search(value);
  };

  const pick = (person: T) => {
    if (disabled?.(person)) return;
    onPick(person);
    type("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (people.results?.length ?? 0) > 0) {
      event.preventDefault();
      setOpen(true);
      people.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      // A form around the field is never submitted from it; among several alike Enter does nothing.
      event.preventDefault();
      if (expanded && people.choice) pick(people.choice);
    } else if (event.key === "Escape" && (expanded || term)) {
      // Closes the list (or clears the search) without closing a dialog around it.
      event.preventDefault();
      event.stopPropagation();
      if (expanded) setOpen(false);
      else type("");
    }
  };

  return (
    <div>
      <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        {...personComboboxAttributes(listboxId, expanded, people.active)}
        aria-describedby={hintId}
        value={term}
        placeholder={t("placeholder")}
        onChange={(event) => type(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        className={inputClass}
      />
      <p id={hintId} className="mt-1 text-xs text-slate-600">
        {people.searching ? t("searching") : t("hint")}
      </p>
      <PersonListbox
        id={listboxId}
        results={open ? people.results : null}
        active={people.active}
        onActivate={people.setActive}
        onPick={pick}
        disabled={disabled}
        badge={badge}
        className="mt-2 shadow-sm"
      />
      {people.results?.length === 0 && !people.searching && open && (
        <p className="mt-2 text-sm text-slate-700">{t("noMatch", { term: term.trim() })}</p>
      )}
      <ActionAlert error={people.error} />
    </div>
  );
}
