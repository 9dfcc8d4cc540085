"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { PersonListbox, personComboboxAttributes } from "@/components/ui/person-listbox";
import { usePersonSuggestions } from "@/components/ui/use-person-suggestions";
import { searchMentionableAction } from "@/lib/chat/actions";
import type { PersonSuggestion } from "@/lib/people/suggestions";

/** The colleague a praise names: a combobox over the group's people, then their name with a way to change it. */
export function PraisePicker({
  groupId,
  picked,
  onPick,
}: {
  groupId: string;
  picked: PersonSuggestion | null;
  onPick: (person: PersonSuggestion | null) => void;
}) {
  const t = useTranslations("chatTab.composer");
  const id = useId();
  const listboxId = `${id}-list`;
  const [term, setTerm] = useState("");
  const people = usePersonSuggestions((term: string) => searchMentionableAction({ groupId, term }), { searchEmpty: true });
  const expanded = (people.results?.length ?? 0) > 0;

  if (picked) {
    return (
      <p className="flex items-center gap-2 text-sm">
        <span className="text-xs font-medium text-slate-700">{t("colleague")}:</span>
        <span className="font-medium text-amber-900">{picked.name}</span>
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => onPick(null)}>
          {t("changeColleague")}
        </Button>
      </p>
    );
  }

  const pick = (person: PersonSuggestion) => {
    people.close();
    setTerm("");
    onPick(person);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (expanded && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      people.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      // Never sends the message from here: Enter picks the active colleague.
      event.preventDefault();
      if (expanded && people.choice) pick(people.choice);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      people.close();
    }
  };

  return (
    <div className="relative min-w-48 flex-1">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {t("colleague")}
      </label>
      <input
        id={id}
        {...personComboboxAttributes(listboxId, expanded, people.active)}
        placeholder={t("colleaguePlaceholder")}
        value={term}
        onChange={(event) => {
          setTerm(event.target.value);
          if (event.target.value.trim()) people.search(event.target.value.trim());
          else people.close();
        }}
        onKeyDown={onKeyDown}
        onBlur={people.close}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      />
      <PersonListbox
        id={listboxId}
        results={people.results}
        active={people.active}
        onActivate={people.setActive}
        onPick={pick}
        className="absolute bottom-full left-0 z-10 mb-1 w-72 max-w-full"
      />
    </div>
  );
}
