"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect } from "react";
import type { PersonSuggestion } from "@/lib/people/suggestions";

export const personOptionId = (listboxId: string, index: number) => `${listboxId}-option-${index}`;

/** What a one-line field needs to drive a `PersonListbox` as an ARIA combobox (the input keeps focus). */
export const personComboboxAttributes = (listboxId: string, expanded: boolean, active: number) =>
  ({
    type: "text",
    role: "combobox",
    autoComplete: "off",
    spellCheck: false,
    maxLength: 100,
    "aria-autocomplete": "list",
    "aria-expanded": expanded,
    "aria-controls": listboxId,
    "aria-activedescendant": expanded && active >= 0 ? personOptionId(listboxId, active) : undefined,
  }) as const;

/**
 * A person picker's suggestions as an ARIA listbox: the input keeps focus and points at the active
 * option with aria-activedescendant; each option shows the name, then the email (where the picker
 * shows it) and department that tell namesakes apart; a status line says how many were found.
 */
export function PersonListbox<T extends PersonSuggestion>({
  id,
  results,
  active,
  onActivate,
  onPick,
  disabled,
  badge,
  className,
}: {
  id: string;
  results: readonly T[] | null;
  active: number;
  onActivate: (index: number) => void;
  onPick: (person: T) => void;
  /** Shown but not pickable (already a member, already chosen). */
  disabled?: (person: T) => boolean;
  badge?: (person: T) => ReactNode;
  /** Where the list sits: below a field, or above the chat's composer. */
  className: string;
}) {
  const t = useTranslations("personPicker");
  const open = (results?.length ?? 0) > 0;
  useEffect(() => {
    if (open && active >= 0) document.getElementById(personOptionId(id, active))?.scrollIntoView({ block: "nearest" });
  }, [id, open, active]);
  return (
    <>
      <ul
        id={id}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!open}
        className={`max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg ${className}`}
      >
        {results?.map((person, index) => {
          const off = disabled?.(person) ?? false;
          const details = [person.email, person.departmentName].filter(Boolean).join(" · ");
          return (
            <li
              key={person.id}
              id={personOptionId(id, index)}
              role="option"
              aria-selected={index === active}
              aria-disabled={off || undefined}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => onActivate(index)}
              onClick={() => !off && onPick(person)}
              className={`flex items-center justify-between gap-3 px-3 py-2 text-sm ${index === active ? "bg-brand-50" : ""} ${off ? "cursor-default" : "cursor-pointer"}`}
            >
              <span className="min-w-0">
                <span className={`block truncate font-medium ${off ? "text-slate-600" : "text-slate-900"}`}>{person.name}</span>
                {details && <span className="block truncate text-xs text-slate-600">{details}</span>}
              </span>
              {badge?.(person)}
            </li>
          );
        })}
      </ul>
      <p role="status" className="sr-only">
        {results ? t("found", { count: results.length }) : ""}
      </p>
    </>
  );
}
