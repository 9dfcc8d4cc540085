import "server-only";
import { getTranslations } from "next-intl/server";
import type { Ctx } from "@/lib/auth/viewer";
import { can, type Permission } from "@/lib/permissions";
import type { NavSection } from "./nav-match";

type Entry = { href: string; label: string; permission: Permission; covers?: readonly string[] };

/**
 * The main menu, in one place: each entry names the permission it needs (lib/permissions.ts), so the
 * menu offers exactly what the pages allow. The words are those of our users' own documentation; a
 * page not built yet has no entry. `covers` (components/shell/nav-match.ts): pages an entry stands for
 * beyond its own path.
 */
const SECTIONS = [
  {
    label: "learn",
    entries: [
      { href: "/", label: "home", permission: "learning.complete" },
      { href: "/groups", label: "myGroups", permission: "learning.complete" },
      { href: "/courses", label: "courses", permission: "learning.complete" },
      { href: "/assignments", label: "myAssignments", permission: "learning.complete" },
    ],
  },
  {
    label: "manage",
    entries: [
      // Admins reach every group from their list, so a group's pages are theirs under it.
      { href: "/admin/groups", label: "groups", permission: "group.list", covers: ["/groups/[id]"] },
      { href: "/admin/people", label: "people", permission: "people.list" },
      { href: "/admin/departments", label: "departments", permission: "department.list" },
      { href: "/admin/courses", label: "courseAdmin", permission: "course.import" },
      { href: "/admin/assignments", label: "assignmentAdmin", permission: "assignment.overview" },
      { href: "/admin/reports", label: "reports", permission: "reports.view" },
      { href: "/hr", label: "hr", permission: "hr.forms" },
    ],
  },
  {
    label: "settings",
    entries: [
      { href: "/admin/api-keys", label: "apiKeys", permission: "apiKeys.manage" },
      // The reference is open to everyone signed in, but only those who hold keys need it in the menu.
      { href: "/developers/api", label: "apiReference", permission: "apiKeys.manage" },
      { href: "/profile", label: "profile", permission: "profile.edit" },
    ],
  },
] as const satisfies readonly { label: string; entries: readonly Entry[] }[];

/** The viewer's menu: the entries they may use, labelled in their language; sections left empty are dropped. */
export async function navigationFor(viewer: Ctx): Promise<NavSection[]> {
  const t = await getTranslations("nav");
  return SECTIONS.map((section) => ({
    label: t(`sections.${section.label}`),
    entries: section.entries
      .filter((entry) => can(viewer, entry.permission))
      .map((entry) => ({ href: entry.href, label: t(entry.label), ...("covers" in entry ? { covers: entry.covers } : {}) })),
  })).filter((section) => section.entries.length > 0);
}
