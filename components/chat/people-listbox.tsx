"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { Mentionable } from "@/lib/chat/queries";

export const optionId = (listboxId: string, index: number) => `${listboxId}-option-${index}`;

/**
 * The suggestions of a people search as an ARIA listbox: the input keeps focus and points at the
 * active option with aria-activedescendant; a status line says how many were found.
 */
export function PeopleListbox({
  id,
  results,
  active,
  onActivate,
  onPick,
}: {
  id: string;
  results: readonly Mentionable[] | null;
  active: number;
  onActivate: (index: number) => void;
  onPick: (person: Mentionable) => void;
}) {
  const t = useTranslations("chatTab.people");
  const open = (results?.length ?? 0) > 0;
  useEffect(() => {
    if (open && active >= 0) document.getElementById(optionId(id, active))?.scrollIntoView({ block: "nearest" });
  }, [id, open, active]);
  return (
    <>
      <ul
        id={id}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!open}
        className="absolute bottom-full left-0 z-10 mb-1 max-h-56 w-72 max-w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {results?.map((person, index) => (
          <li
            key={person.id}
            id={optionId(id, index)}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => onActivate(index)}
            onClick={() => onPick(person)}
            className={`cursor-pointer truncate px-3 py-2 text-sm text-slate-900 ${index === active ? "bg-brand-50" : ""}`}
          >
            {person.name}
          </li>
        ))}
      </ul>
      <p role="status" className="sr-only">
        {results ? t("found", { count: results.length }) : ""}
      </p>
    </>
  );
}
