"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import { LinkTabs } from "@/components/ui/link-tabs";

/**
 * The group page's tabs: one route each under `/groups/[id]/`. The layout that renders them stays
 * while a tab changes, so the current tab is read from the route here, in the browser.
 */
export function GroupTabs({ label, tabs }: { label: string; tabs: readonly { segment: string; href: string; label: string }[] }) {
  const current = useSelectedLayoutSegment();
  return <LinkTabs label={label} tabs={tabs.map(({ href, label, segment }) => ({ href, label, current: segment === current }))} />;
}
