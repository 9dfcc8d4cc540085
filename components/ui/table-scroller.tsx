import type { ReactNode } from "react";

/**
 * A table's frame: when the table is wider than the screen it scrolls sideways, and the keyboard can
 * scroll it too. Its edges then show a shadow on the side with more to see (`.scroll-cue` in
 * app/globals.css); `data-scroll-cue` tells the 390 px sweep (e2e/support/overflow.ts) it scrolls on purpose.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      data-scroll-cue
      className="scroll-cue overflow-x-auto rounded-lg border border-slate-200 shadow-sm"
    >
      {children}
    </div>
  );
}
