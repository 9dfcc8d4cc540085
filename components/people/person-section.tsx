import type { ReactNode } from "react";

/** The table cells and headings the person page's sections share. */
export const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
export const td = "px-4 py-3 align-top whitespace-nowrap";

export function SectionHeading({ id, title, intro }: { id: string; title: string; intro?: string }) {
  return (
    <div>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro && <p className="mt-1 text-sm text-slate-600">{intro}</p>}
    </div>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{children}</p>;
}
