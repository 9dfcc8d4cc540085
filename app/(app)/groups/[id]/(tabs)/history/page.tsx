import { HistoryTab } from "@/components/membership/history-tab";
import { companyDb } from "@/db/client";
import { pageParam, type SearchParams } from "../../../../search-params";
import { openTab, tabHref } from "../../tabs";
import { readHistoryTab } from "./load";

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const page = await openTab((await params).id, "history");
  const history = await readHistoryTab(companyDb(page.viewer), page, { page: pageParam((await searchParams).page) });
  return <HistoryTab history={history} pageHref={(target) => tabHref(page.group.id, "history", { page: target })} />;
}
