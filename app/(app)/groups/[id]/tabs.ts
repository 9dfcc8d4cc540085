import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { can } from "@/lib/permissions";
import { withParams } from "../../search-params";
import { loadGroupPage, type ReadablePage } from "./load";

/** The group page's tabs, in the order they are shown; each is a route under `/groups/[id]/`. */
export const GROUP_TABS = ["activity", "chat", "members", "history", "statistics"] as const;
export type GroupTab = (typeof GROUP_TABS)[number];

export const tabHref = (groupId: string, tab: GroupTab, params: Record<string, string | number | undefined> = {}) =>
  withParams(`/groups/${groupId}/${tab}`, params);

/** The tabs' names, in the reader's language: on the tab bar and in each tab's title. */
export async function tabLabels(): Promise<Record<GroupTab, string>> {
  const [t, tChat] = await Promise.all([getTranslations("group"), getTranslations("chatTab")]);
  return {
    activity: t("tabs.activity"),
    chat: tChat("tab"),
    members: t("tabs.members"),
    history: t("tabs.history"),
    statistics: t("tabs.statistics"),
  };
}

/** Whoever manages the members works on Members (and stays there when an add takes them into the group). */
export const managesMembers = ({ group }: ReadablePage) => group.archivedAt === null && group.access.canManage;

/**
 * Whether the reader may open the tab. The feed exists with a linked course; Statistics open for the
 * group's owner and the company's admins even when there is nothing to show, which the tab then explains.
 */
export function mayOpen(page: ReadablePage, tab: GroupTab): boolean {
  switch (tab) {
    case "activity":
      return page.group.courseId !== null;
    case "chat":
    case "members":
      return page.access.canRead;
    case "history":
      return can(page.viewer, "group.viewHistory");
    case "statistics":
      return page.access.canSeeStatistics;
  }
}

/** Where a reader lands: members on Activity when the group has a course and they do not manage it, else Members. */
export function defaultTab(page: ReadablePage): GroupTab {
  return page.group.courseId !== null && page.access.isMember && !managesMembers(page) ? "activity" : "members";
}

/**
 * The reader's page for a tab route. The layout has answered 404 for a group that does not exist for
 * them and sent someone who may only preview it to the preview; a tab they may not open falls back to
 * their default tab, as the old `?tab=` links did.
 */
export async function openTab(groupId: string, tab: GroupTab): Promise<ReadablePage> {
  const page = await loadGroupPage(groupId);
  if (page?.kind !== "group") notFound();
  if (!mayOpen(page, tab)) redirect(tabHref(page.group.id, defaultTab(page)));
  return page;
}

/**
 * Each tab's own layout: it decides whether the reader may open the tab (`openTab`, read once per
 * request) before anything streams. The tab's loading boundary sits below it, in the tab's folder: a
 * redirect thrown inside a boundary would reach the browser after a 200, as a client-side redirect,
 * where a tab the reader may not open answers with an HTTP redirect to their default tab.
 */
export function tabLayout(tab: GroupTab) {
  return async function TabLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
    await openTab((await params).id, tab);
    return children;
  };
}

/** A tab's title names the tab and the group ("Chat · Onboarding wave"), so two tabs of one group tell apart in a browser's tabs and history. */
export function tabMetadata(tab: GroupTab) {
  return async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
    const page = await loadGroupPage((await params).id);
    if (page?.kind !== "group") return {};
    // Absolute: the group's layout sets a title of its own, which ends the root layout's template for the segments below it.
    const [labels, app] = await Promise.all([tabLabels(), getTranslations("app")]);
    return { title: { absolute: `${labels[tab]} · ${page.group.name} · ${app("name")}` } };
  };
}
