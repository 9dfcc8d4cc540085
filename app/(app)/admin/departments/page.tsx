import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DepartmentsTable } from "@/components/departments/departments-table";
import { NewDepartmentButton } from "@/components/departments/new-department-button";
import { Pagination } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listDepartmentsPage } from "@/lib/departments/queries";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams, withParams } from "../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("departments"))("title") };
}

const frame = "rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700";

/** The admins' "Departments"; anybody else gets a 404, never a hint that it exists. */
export default async function DepartmentsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "department.list")) notFound();
  const params = await searchParams;
  const [list, t] = await Promise.all([
    listDepartmentsPage(companyDb(viewer), viewer, { page: pageParam(params.page) }),
    getTranslations("departments"),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} action={can(viewer, "department.create") && <NewDepartmentButton />} />
      {list.rows.length > 0 ? (
        <DepartmentsTable rows={list.rows} />
      ) : list.total > 0 ? (
        <p className={frame}>{t("pageEmpty")}</p>
      ) : (
        <section aria-labelledby="departments-empty" className={frame}>
          <h2 id="departments-empty" className="text-lg font-semibold text-slate-900">
            {t("empty.title")}
          </h2>
          <p className="mt-2 max-w-2xl">{t("empty.body")}</p>
        </section>
      )}
      <Pagination
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        href={(page) => withParams("/admin/departments", { page })}
      />
    </div>
  );
}
