"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Badge } from "@/components/ui/badge";
import { inputClass } from "@/components/ui/form-field";
import { thrownActionError } from "@/lib/actions/request-guard";
import type { ActionError, ActionResult } from "@/lib/actions/safe-action";
import { searchPeopleAction } from "@/lib/membership/actions";
import type { PersonMatch } from "@/lib/people/queries/search";

const DEBOUNCE_MS = 200;

/**
 * "Individually": an autocomplete (ARIA combobox) over the company's people. Arrow keys move
 * through the suggestions, Enter picks one, Escape closes the list; picked people appear as
 * chips that can be taken out again. People already in the group (when there is one) cannot be picked.
 */
export function PersonPicker({
  groupId,
  picked,
  onChange,
}: {
  groupId?: string;
  picked: readonly PersonMatch[];
  onChange: (people: PersonMatch[]) => void;
}) {
  const t = useTranslations("members.add.people");
  const inputId = useId();
  const hintId = useId();
  const listboxId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef("");
  const [term, setTerm] = useState("");
  const [results, setResults] = useState<PersonMatch[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const pickedIds = new Set(picked.map((person) => person.id));
  const canPick = (person: PersonMatch) => !person.alreadyMember && !pickedIds.has(person.id);
  const optionId = (index: number) => `${listboxId}-option-${index}`;
  const expanded = open && (results?.length ?? 0) > 0;

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  });

  const search = (value: string) => {
    setTerm(value);
    latest.current = value;
    clearTimeout(timer.current);
    if (!value.trim()) {
      setResults(null);
      setOpen(false);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer.current = setTimeout(async () => {
      let result: ActionResult<PersonMatch[]>;
      try {
        result = await searchPeopleAction({ term: value, groupId });
      } catch (thrown) {
        result = { ok: false, error: thrownActionError(thrown) };
      }
      if (latest.current !== value) return;
      setSearching(false);
      setError(result.ok ? null : result.error);
      setResults(result.ok ? result.data : null);
      // Nothing active until the arrow keys move: ↓ then Enter takes the first, never the second.
      setActive(-1);
      setOpen(true);
    }, DEBOUNCE_MS);
  };

  const pick = (person: PersonMatch) => {
    if (!canPick(person)) return;
    onChange([...picked, person]);
    search("");
  };

  const unpick = (person: PersonMatch) => {
    onChange(picked.filter((other) => other.id !== person.id));
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = results?.length ?? 0;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count > 0) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (!expanded) {
        setOpen(true);
        setActive(step === 1 ? 0 : count - 1);
      } else {
        setActive((current) => (current < 0 ? (step === 1 ? 0 : count - 1) : (current + step + count) % count));
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      // Enter alone takes only a single suggestion; among several, the one moved to.
      const person = expanded ? (results?.[active] ?? (results?.length === 1 ? results[0] : undefined)) : undefined;
      if (person) pick(person);
    } else if (event.key === "Escape" && (expanded || term)) {
      // Closes the list (or clears the search) without closing the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      if (expanded) setOpen(false);
      else search("");
    }
  };

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-900">
          {t("label")}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={hintId}
          value={term}
          placeholder={t("placeholder")}
          onChange={(event) => search(event.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          className={inputClass}
        />
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {searching ? t("searching") : t("hint")}
        </p>
        <ul
          id={listboxId}
          role="listbox"
          aria-label={t("suggestions")}
          hidden={!expanded}
          className="mt-2 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-sm"
        >
          {results?.map((person, index) => {
            const disabled = !canPick(person);
            return (
              <li
                key={person.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                aria-disabled={disabled || undefined}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(index)}
                onClick={() => pick(person)}
                className={`flex items-center justify-between gap-3 px-3 py-2 text-sm ${index === active ? "bg-brand-50" : ""} ${disabled ? "cursor-default text-slate-500" : "cursor-pointer"}`}
              >
                <span className="min-w-0">
                  <span className={`block truncate font-medium ${disabled ? "text-slate-600" : "text-slate-900"}`}>{person.name}</span>
                  <span className="block truncate text-xs text-slate-600">
                    {person.departmentName
                      ? t("emailAndDepartment", { email: person.email, department: person.departmentName })
                      : person.email}
                  </span>
                </span>
                {person.alreadyMember ? (
                  <Badge>{t("alreadyMember")}</Badge>
                ) : (
                  pickedIds.has(person.id) && <Badge tone="brand">{t("picked")}</Badge>
                )}
              </li>
            );
          })}
        </ul>
        <p role="status" className="sr-only">
          {results && !searching ? t("found", { count: results.length }) : ""}
        </p>
        {results?.length === 0 && !searching && open && (
          <p className="mt-2 text-sm text-slate-700">{t("noMatch", { term: term.trim() })}</p>
        )}
      </div>
      <ActionAlert error={error} />
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
