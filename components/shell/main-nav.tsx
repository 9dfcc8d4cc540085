"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId } from "react";
import { currentHref, type NavSection } from "./nav-match";

/** The main menu's sections; the current entry is marked for assistive technology and by a bar, not by colour alone. */
export function MainNav({ label, sections }: { label: string; sections: readonly NavSection[] }) {
  const pathname = usePathname();
  const current = currentHref(
    pathname,
    sections.flatMap((section) => section.entries),
  );
  const id = useId();
  return (
    <nav aria-label={label} className="space-y-5 px-3 py-4">
      {sections.map((section, index) => (
        <div key={section.label}>
          <p id={`${id}-${index}`} className="px-3 pb-1.5 text-xs font-semibold tracking-wider text-slate-500 uppercase">
            {section.label}
          </p>
          <ul aria-labelledby={`${id}-${index}`} className="space-y-0.5">
            {section.entries.map((entry) => {
              const isCurrent = entry.href === current;
              return (
                <li key={entry.href}>
                  <Link
                    href={entry.href}
                    aria-current={isCurrent ? "page" : undefined}
                    className={`flex items-center rounded-md border-l-4 px-3 py-1.5 text-sm ${isCurrent ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-transparent font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`}
                  >
                    {entry.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
