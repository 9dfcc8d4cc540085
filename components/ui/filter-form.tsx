import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";
import { inputClass } from "./form-field";

const labelClass = "mb-1 block text-sm font-medium text-slate-900";

/**
 * The search-and-filters form of a list page: a GET form, so a filtered list is a link to share
 * and Back works. Apply submits; Clear, shown while anything is filtered, goes back to the bare list.
 */
export function FilterForm({
  label,
  columns,
  filtered,
  clearHref,
  applyLabel,
  clearLabel,
  children,
}: {
  label: string;
  /** The grid's large-screen columns, e.g. `lg:grid-cols-[2fr_1fr_1fr_auto]`. */
  columns: string;
  filtered: boolean;
  clearHref: string;
  applyLabel: string;
  clearLabel: string;
  children: ReactNode;
}) {
  return (
    <form role="search" method="get" aria-label={label} className={`grid gap-3 sm:grid-cols-2 ${columns} lg:items-end`}>
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          {applyLabel}
        </button>
        {filtered && (
          <Link href={clearHref} className={buttonClass("ghost")}>
            {clearLabel}
          </Link>
        )}
      </div>
    </form>
  );
}

export function SearchFilter({ id, label, defaultValue }: { id: string; label: string; defaultValue: string }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} name="q" type="search" defaultValue={defaultValue} className={inputClass} />
    </div>
  );
}

/** A select of one filter; `allLabel` adds the "any" choice, submitted as an empty value. */
export function SelectFilter({
  id,
  name,
  label,
  defaultValue,
  allLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  allLabel?: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={inputClass}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
