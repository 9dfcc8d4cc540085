import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InvitePersonButton } from "@/components/people/invite-person-button";
import { PeopleFilters, type PeopleFilterValues } from "@/components/people/people-filters";
import { PeopleTable } from "@/components/people/people-table";
import { Pagination } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listPeople } from "@/lib/people/queries/directory";
import { findDepartmentOption } from "@/lib/departments/queries";
import { PERSON_STATUSES, ROLE_FILTERS } from "@/lib/people/schemas";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams, textParam, uuidParam, withParams } from "../../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("title") };
}

/** A value from a fixed list, or null for anything else in the query string. */
function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** "People": the company's directory for admins and HR staff; anybody else gets a 404. */
export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "people.list")) notFound();
  const params = await searchParams;
  const departmentId = uuidParam(params.department);
  const q = textParam(params.q);
  const role = oneOf(ROLE_FILTERS, textParam(params.role));
  const status = oneOf(PERSON_STATUSES, textParam(params.status));
  const db = companyDb(viewer);
  const [list, department, t] = await Promise.all([
    listPeople(db, viewer, { q, departmentId, role, status, page: pageParam(params.page) }),
    departmentId ? findDepartmentOption(db, viewer, departmentId) : null,
    getTranslations("people"),
  ]);
  const filters: PeopleFilterValues = { q, department, role, status };
  const filtered = Boolean(q || departmentId || role || status);
  const link = {
    q: filters.q,
    department: departmentId ?? undefined,
    role: filters.role ?? undefined,
    status: filters.status ?? undefined,
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        intro={can(viewer, "people.edit") ? t("intro") : t("introReadOnly")}
        action={can(viewer, "people.invite") && <InvitePersonButton />}
      />
      <PeopleFilters values={filters} />
      {list.resembling && <p className="text-sm text-slate-700">{t("resembling", { query: filters.q })}</p>}
      {list.rows.length > 0 ? (
        <PeopleTable rows={list.rows} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {list.page > 1 ? t("pageEmpty") : filtered ? t("empty.noMatches") : t("empty.none")}
        </p>
      )}
      <Pagination page={list.page} hasNext={list.hasNext} href={(page) => withParams("/admin/people", { ...link, page })} />
    </div>
  );
}
