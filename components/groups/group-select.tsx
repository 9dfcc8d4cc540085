"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useActionData } from "@/components/ui/use-action-data";
import { searchGroupOptionsAction } from "@/lib/groups/actions";
import type { GroupOption } from "@/lib/groups/queries";

const DEBOUNCE_MS = 200;

/**
 * A group of the company, chosen from a select that holds at most the first page of matches
 * (`searchGroupOptions`) and a search box above it that narrows them by name on the server: a
 * company of 5,000 groups sends 50. The chosen group stays in the select while the search changes.
 * `none` is said when the company has no group to offer at all.
 */
export function GroupSelect({
  label,
  hint,
  none,
  includeArchived,
  exceptGroupId,
  value,
  onChange,
  error,
}: {
  label: string;
  hint?: string;
  none: string;
  includeArchived: boolean;
  exceptGroupId?: string;
  value: GroupOption | null;
  onChange: (group: GroupOption | null) => void;
  error?: string | null;
}) {
  const t = useTranslations("groupSelect");
  const tc = useTranslations("common");
  const searchId = useId();
  const [term, setTerm] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(term.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [term]);
  const page = useActionData(() => searchGroupOptionsAction({ term: query, includeArchived, exceptGroupId }), query);

  if (page && !page.ok) return <ActionAlert error={page.error} />;
  if (page?.ok && query === "" && page.data.options.length === 0) return <p className="text-sm text-slate-700">{none}</p>;
  const found = page?.ok ? page.data.options : [];
  // The chosen group is kept among the options, whatever the search shows now.
  const options = value && !found.some((group) => group.id === value.id) ? [value, ...found] : found;
  const active = options.filter((group) => !group.archived);
  const archived = options.filter((group) => group.archived);
  const asOptions = (groups: readonly GroupOption[]) =>
    groups.map((group) => (
      <option key={group.id} value={group.id}>
        {t(group.archived ? "optionArchived" : "option", { name: group.name, count: group.memberCount })}
      </option>
    ));
  const status = !page
    ? tc("loading")
    : page.ok && page.data.more
      ? t("more", { count: page.data.options.length })
      : page.ok && found.length === 0
        ? t("noMatch", { term: query })
        : null;

  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={searchId} className="mb-1 block text-sm font-medium text-slate-900">
          {t("search")}
        </label>
        <input
          id={searchId}
          type="search"
          autoComplete="off"
          maxLength={100}
          value={term}
          placeholder={t("placeholder")}
          onChange={(event) => setTerm(event.target.value)}
          className={inputClass}
        />
        <p className="mt-1 text-xs text-slate-600" aria-live="polite">
          {status}
        </p>
      </div>
      <FormField label={label} hint={hint} errors={error ? [error] : undefined}>
        {(control) => (
          <select
            {...control}
            value={value?.id ?? ""}
            onChange={(event) => onChange(options.find((group) => group.id === event.target.value) ?? null)}
            className={inputClass}
          >
            <option value="">{t("choose")}</option>
            {includeArchived ? (
              <>
                {active.length > 0 && <optgroup label={t("active")}>{asOptions(active)}</optgroup>}
                {archived.length > 0 && <optgroup label={t("archived")}>{asOptions(archived)}</optgroup>}
              </>
            ) : (
              asOptions(active)
            )}
          </select>
        )}
      </FormField>
    </div>
  );
}
