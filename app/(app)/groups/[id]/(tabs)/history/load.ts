import type { DatabaseOrTransaction } from "@/db/client";
import { listHistory } from "@/lib/membership/queries/history";
import type { ReadablePage } from "../../load";

/** The History tab (admins): a page of the membership ledger. */
export async function readHistoryTab(db: DatabaseOrTransaction, page: ReadablePage, query: { page: number }) {
  return listHistory(db, page.viewer, page.access, query);
}
