import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { MainNav } from "./main-nav";

/** The menu uses the words of our users' own documentation; a page not built yet has no entry. */
export async function AppHeader({
  viewerName,
  companyName,
  showGroupAdmin,
  showPeople,
  showDepartmentAdmin,
  showCourseAdmin,
  showReports,
  showAssignmentAdmin,
  showHr,
  showApiKeys,
  children,
}: {
  viewerName: string;
  companyName: string;
  /** Admins get "Learning groups", the list of all the company's groups. */
  showGroupAdmin: boolean;
  /** Admins and HR staff get "People", the company's directory. */
  showPeople: boolean;
  /** Admins get "Departments", where they manage the company's departments. */
  showDepartmentAdmin: boolean;
  /** Admins get "Manage courses", where they import courses and see the company's. */
  showCourseAdmin: boolean;
  /** Admins and HR staff get "Reports", every group's progress (HR read-only). */
  showReports: boolean;
  /** Admins get "Mandatory assignments", the overview by course and by group. */
  showAssignmentAdmin: boolean;
  /** Admins and HR staff get "HR", the HR area (import, and the HR forms). */
  showHr: boolean;
  /** Admins get "API keys", the keys of the HR integration API. */
  showApiKeys: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations();
  const items = [
    { href: "/", label: t("nav.home") },
    { href: "/groups", label: t("nav.myGroups") },
    { href: "/courses", label: t("nav.courses") },
    { href: "/assignments", label: t("nav.myAssignments") },
    ...(showGroupAdmin ? [{ href: "/admin/groups", label: t("nav.groups") }] : []),
    ...(showPeople ? [{ href: "/admin/people", label: t("nav.people") }] : []),
    ...(showDepartmentAdmin ? [{ href: "/admin/departments", label: t("nav.departments") }] : []),
    ...(showCourseAdmin ? [{ href: "/admin/courses", label: t("nav.courseAdmin") }] : []),
    ...(showReports ? [{ href: "/admin/reports", label: t("nav.reports") }] : []),
    ...(showAssignmentAdmin ? [{ href: "/admin/assignments", label: t("nav.assignmentAdmin") }] : []),
    ...(showHr ? [{ href: "/hr", label: t("nav.hr") }] : []),
    ...(showApiKeys ? [{ href: "/admin/api-keys", label: t("nav.apiKeys") }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          {t("app.name")}
          <span className="sr-only"> – {companyName}</span>
        </Link>
        <div className="order-last w-full sm:order-none sm:w-auto">
          <MainNav items={items} label={t("nav.main")} />
        </div>
        <div className="ml-auto flex items-center gap-2">
          {children}
          <span className="hidden text-sm text-slate-700 sm:inline">{t("nav.account", { name: viewerName })}</span>
          <Link href="/profile" className="rounded px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100">
            {t("nav.profile")}
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="rounded px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100">
              {t("nav.signOut")}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
