import type { ReactNode } from "react";

/** A table's frame: on a narrow screen it scrolls sideways, and the keyboard can scroll it too. */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {children}
    </div>
  );
}
