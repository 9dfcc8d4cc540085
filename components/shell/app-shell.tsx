import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import { Account } from "./account";
import { MainNav } from "./main-nav";
import { MenuDrawer } from "./menu-drawer";
import { navigationFor } from "./navigation";

/**
 * The frame of every signed-in page. Wide screens (lg): a sticky full-height sidebar beside the page.
 * Narrow ones: a sticky top bar `--shell-top` high (app/globals.css) with the menu button, whose
 * drawer holds the same menu and account. The brand and the bell (`bell`) are in the bar or at the
 * sidebar's head. The document scrolls, never a container of the page: pages that pin something to
 * the screen (the chat's composer) count on it and on `--shell-top`.
 */
export async function AppShell({ viewer, bell, children }: { viewer: Viewer; bell: ReactNode; children: ReactNode }) {
  const [t, sections] = await Promise.all([getTranslations(), navigationFor(viewer)]);
  // The menu scrolls on its own when it is taller than the screen; the account stays in view below it.
  const menu = (
    <>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <MainNav label={t("nav.main")} sections={sections} />
      </div>
      <Account name={viewer.name} companyName={viewer.companyName} />
    </>
  );
  return (
    <div className="lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 h-(--shell-top) border-b border-slate-200 bg-white lg:flex lg:h-dvh lg:w-64 lg:shrink-0 lg:flex-col lg:self-start lg:border-r lg:border-b-0">
        <div className="flex h-full items-center gap-1 px-3 lg:h-14 lg:shrink-0 lg:px-4">
          <MenuDrawer label={t("nav.menu")} closeLabel={t("nav.closeMenu")} title={t("app.name")}>
            {menu}
          </MenuDrawer>
          <Link href="/" className="rounded px-1 text-lg font-semibold text-brand-700">
            {t("app.name")}
            <span className="sr-only"> – {viewer.companyName}</span>
          </Link>
          <div className="ml-auto">{bell}</div>
        </div>
        <div className="hidden min-h-0 flex-1 flex-col lg:flex">{menu}</div>
      </header>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
