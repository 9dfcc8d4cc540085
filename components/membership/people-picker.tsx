"use client";

import { useTranslations } from "next-intl";
import { useId, useRef } from "react";
import { PersonCombobox } from "@/components/ui/person-combobox";
import { Badge } from "@/components/ui/badge";
import { searchPeopleAction } from "@/lib/membership/actions";
import type { PersonMatch } from "@/lib/people/queries/search";

/**
 * "Individually": the person picker over the company's people; picked people appear as chips that can
 * be taken out again. People already in the group (when there is one) are shown but cannot be picked.
 */
export function PeoplePicker({
  groupId,
  picked,
  onChange,
}: {
  groupId?: string;
  picked: readonly PersonMatch[];
  onChange: (people: PersonMatch[]) => void;
}) {
  const t = useTranslations("members.add.people");
  const listboxId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const pickedIds = new Set(picked.map((person) => person.id));

  const unpick = (person: PersonMatch) => {
    onChange(picked.filter((other) => other.id !== person.id));
    inputRef.current?.focus();
  };

  return (
    <div className="space-y-3">
      <PersonCombobox
        label={t("label")}
        inputRef={inputRef}
        find={(term) => searchPeopleAction({ term, groupId })}
        onPick={(person) => onChange([...picked, person])}
        disabled={(person) => person.alreadyMember || pickedIds.has(person.id)}
        badge={(person) =>
          person.alreadyMember ? <Badge>{t("alreadyMember")}</Badge> : pickedIds.has(person.id) && <Badge tone="brand">{t("picked")}</Badge>
        }
      />
      {picked.length > 0 && (
        <div>
          <p id={`${listboxId}-picked`} className="text-sm font-medium text-slate-900">
            {t("pickedTitle", { count: picked.length })}
          </p>
          <ul aria-labelledby={`${listboxId}-picked`} className="mt-2 flex flex-wrap gap-2">
            {picked.map((person) => (
              <li
                key={person.id}
                className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pr-1 pl-3 text-sm text-brand-800 ring-1 ring-brand-100"
              >
                {person.name}
                <button
                  type="button"
                  onClick={() => unpick(person)}
                  aria-label={t("unpick", { name: person.name })}
                  className="rounded-full p-1 hover:bg-brand-100"
                >
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="currentColor">
                    <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
                  </svg>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
