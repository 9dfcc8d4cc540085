"use client";

import type { Dispatch, ReactNode, SetStateAction } from "react";

/**
 * A fieldset of groups to tick (to join, to leave): the legend, an optional hint and search box, a
 * sentence when there is none, and each group's name with what the form adds beside it.
 */
export function GroupChecklist<G extends { id: string; name: string }>({
  legend,
  hint,
  empty,
  groups,
  selected,
  onChange,
  detail,
  search,
}: {
  legend: string;
  hint?: string;
  empty: string;
  groups: readonly G[];
  selected: readonly string[];
  onChange: Dispatch<SetStateAction<string[]>>;
  detail?: (group: G) => ReactNode;
  search?: ReactNode;
}) {
  const toggle = (id: string, on: boolean) => onChange((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
      {search}
      {groups.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="max-h-72 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {groups.map((group) => (
            <li key={group.id}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={selected.includes(group.id)} onChange={(event) => toggle(group.id, event.target.checked)} />
                <span>{group.name}</span>
                {detail?.(group)}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
