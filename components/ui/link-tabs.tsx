import Link from "next/link";

/** Tabs that are pages (a route or a query parameter each): plain links, the current one marked for assistive technology. */
export function LinkTabs({ label, tabs }: { label: string; tabs: readonly { href: string; label: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.current ? "page" : undefined}
              className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${tab.current ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
