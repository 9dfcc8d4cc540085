import { notFound, redirect } from "next/navigation";
import { GroupPreview } from "@/components/groups/my-groups/group-preview";
import { pageParam, type SearchParams, textParam } from "../../search-params";
import { loadGroupPage } from "./load";
import { defaultTab, GROUP_TABS, mayOpen, tabHref } from "./tabs";

/**
 * `/groups/[id]`: someone who may only preview a public group sees the preview here; a reader lands
 * on their default tab. Old links (`?tab=chat&q=…&page=2`) land on the tab's route with their
 * parameters; a tab the reader may not open falls back to the default, without them. No loading
 * boundary sits above this page, so the redirect is an HTTP redirect.
 */
export default async function GroupPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const page = await loadGroupPage((await params).id);
  if (page?.kind === "preview") return <GroupPreview group={page.preview} />;
  if (!page) notFound();
  const query = await searchParams;
  const requested = GROUP_TABS.find((tab) => tab === textParam(query.tab));
  if (!requested || !mayOpen(page, requested)) redirect(tabHref(page.group.id, defaultTab(page)));
  const [q, sort, dir] = [textParam(query.q), textParam(query.sort), textParam(query.dir)];
  redirect(tabHref(page.group.id, requested, { q, sort, dir, page: pageParam(query.page) }));
}
