"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useSettledActionData } from "@/components/ui/use-action-data";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { OptionPage } from "@/lib/pagination";

const DEBOUNCE_MS = 200;

/** What a picker says, in the words of what it picks ("Search courses by title", …). */
export type SearchSelectTexts = {
  search: string;
  placeholder: string;
  /** The empty choice: "Choose a course", or a filter's "All courses". */
  choose: string;
  /** Said when nothing at all can be chosen (the company has no course). */
  none: string;
  more: (count: number) => string;
  noMatch: (term: string) => string;
};

/** The pickers whose sentences share the keys of `SearchSelectTexts`, one namespace each. */
type PickerNamespace = "courseSelect" | "departmentSelect" | "groupSelect" | "timeZoneSelect";

/** A picker's sentences from its namespace; a use may name the empty choice and the "none" its own way. */
export function usePickerTexts(namespace: PickerNamespace, own: { choose?: string; none?: string } = {}): SearchSelectTexts {
  const t = useTranslations(namespace);
  return {
    search: t("search"),
    placeholder: t("placeholder"),
    choose: own.choose ?? t("choose"),
    none: own.none ?? t("none"),
    more: (count) => t("more", { count }),
    noMatch: (term) => t("noMatch", { term }),
  };
}

/**
 * What a picker holds: a choice the form around it keeps (`value`, `onChange`), or, in a filter's
 * GET form, its own choice starting from the one the page was given (`defaultValue`).
 */
export type Choice<T> = { value: T | null; onChange: (option: T | null) => void } | { defaultValue: T | null };

/** Matches of what was typed, one page at a time from the server, the chosen ones kept. */
export function useOptionSearch<T extends { id: string }>(search: (term: string) => Promise<ActionResult<OptionPage<T>>>, key = "") {
  const tc = useTranslations("common");
  const [term, setTerm] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(term.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [term]);
  const current = `${key}\u0000${query}`;
  // The last answer stays on screen while the next loads, so the options never empty between two.
  const settled = useSettledActionData(() => search(query), current);
  const page = settled?.result ?? null;
  const loading = settled?.key !== current;
  return {
    term,
    setTerm,
    query,
    page,
    found: page?.ok ? page.data.options : [],
    /** Nothing to choose from at all: the first page of an empty search is empty. */
    empty: !loading && page?.ok === true && query === "" && page.data.options.length === 0,
    status: (texts: Pick<SearchSelectTexts, "more" | "noMatch">) =>
      loading || !page
        ? tc("loading")
        : page.ok && page.data.more
          ? texts.more(page.data.options.length)
          : page.ok && page.data.options.length === 0
            ? texts.noMatch(query)
            : null,
  };
}

/**
 * Many things to tick among the company's many (departments to add, groups to join, courses to
 * assign): the ticked ones listed first whatever the search shows, then the page of matches less
 * `except`, and the search box to put above them.
 */
export function useTickedOptions<T extends { id: string }>({
  selected,
  search,
  texts,
  except,
}: {
  selected: readonly T[];
  search: (term: string) => Promise<ActionResult<OptionPage<T>>>;
  texts: SearchSelectTexts;
  except?: ReadonlySet<string>;
}) {
  const options = useOptionSearch(search);
  const ticked = new Set(selected.map((option) => option.id));
  return {
    ticked,
    listed: [...selected, ...options.found.filter((option) => !ticked.has(option.id) && !except?.has(option.id))],
    failure: options.page?.ok === false ? options.page.error : null,
    /** The company has none at all. */
    empty: options.empty,
    searchBox: <OptionSearchBox texts={texts} term={options.term} onTerm={options.setTerm} status={options.status(texts)} />,
  };
}

/** The search box above a picker's options, with what the search found said politely. */
export function OptionSearchBox({
  texts,
  term,
  onTerm,
  status,
}: {
  texts: Pick<SearchSelectTexts, "search" | "placeholder">;
  term: string;
  onTerm: (term: string) => void;
  status: string | null;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-900">
        {texts.search}
      </label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        maxLength={100}
        value={term}
        placeholder={texts.placeholder}
        onChange={(event) => onTerm(event.target.value)}
        className={inputClass}
      />
      <p className="mt-1 text-xs text-slate-600" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

/** What every picker of one thing takes, whatever it picks; `name` makes it a field of the form around it. */
export type PickerProps<T> = {
  label: string;
  hint?: string;
  optional?: boolean;
  name?: string;
  error?: string | null;
} & Choice<T>;

/**
 * One of the company's many things (a group, a course, a department), chosen from a select that
 * holds at most the first page of matches and a search box above it that narrows them on the
 * server: a company of 5,000 courses sends 50. The chosen one stays in the select while the search
 * changes.
 */
export function SearchSelect<T extends { id: string }>({
  label,
  hint,
  texts,
  search,
  searchKey,
  render,
  name,
  error,
  optional,
  ...choice
}: PickerProps<T> & {
  texts: SearchSelectTexts;
  search: (term: string) => Promise<ActionResult<OptionPage<T>>>;
  /** What else the search depends on (a scope), so a change searches again. */
  searchKey?: string;
  /** The options as the select shows them: `<option>`s, or `<optgroup>`s of them. */
  render: (options: readonly T[]) => ReactNode;
}) {
  const [own, setOwn] = useState("defaultValue" in choice ? choice.defaultValue : null);
  const value = "value" in choice ? choice.value : own;
  const onChange = "value" in choice ? choice.onChange : setOwn;
  const options = useOptionSearch(search, searchKey);
  if (options.page && !options.page.ok) return <ActionAlert error={options.page.error} />;
  if (options.empty && !value) return <p className="text-sm text-slate-700">{texts.none}</p>;
  const shown = value && !options.found.some((option) => option.id === value.id) ? [value, ...options.found] : options.found;
  return (
    <div className="space-y-2">
      <OptionSearchBox texts={texts} term={options.term} onTerm={options.setTerm} status={options.status(texts)} />
      <FormField label={label} hint={hint} errors={error ? [error] : undefined} optional={optional}>
        {(control) => (
          <select
            {...control}
            name={name}
            value={value?.id ?? ""}
            onChange={(event) => onChange(shown.find((option) => option.id === event.target.value) ?? null)}
            className={inputClass}
          >
            <option value="">{texts.choose}</option>
            {render(shown)}
          </select>
        )}
      </FormField>
    </div>
  );
}
