import type { ReactNode } from "react";

/** A page's title and what the page is for, with its main action (a "New …" button) beside them. */
export function PageHeader({ title, intro, action }: { title: string; intro: string; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="mt-1 max-w-2xl text-slate-600">{intro}</p>
      </div>
      {action}
    </div>
  );
}
