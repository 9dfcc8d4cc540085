import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CoursesTable } from "@/components/learning/import/courses-table";
import { ImportCourseButton } from "@/components/learning/import/import-course-button";
import { Pagination } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listAdminCourses } from "@/lib/learning/import/queries";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams, withParams } from "../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("coursesAdmin"))("title") };
}

const frame = "rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700";

/** "Manage courses": what the company has, and the import. Anybody else gets a 404. */
export default async function AdminCoursesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "course.import")) notFound();
  const params = await searchParams;
  const [list, t] = await Promise.all([
    listAdminCourses(companyDb(viewer), viewer, { page: pageParam(params.page) }),
    getTranslations("coursesAdmin"),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} action={<ImportCourseButton />} />
      {list.rows.length > 0 ? (
        <CoursesTable rows={list.rows} />
      ) : list.total > 0 ? (
        <p className={frame}>{t("pageEmpty")}</p>
      ) : (
        <section aria-labelledby="courses-empty" className={frame}>
          <h2 id="courses-empty" className="text-lg font-semibold text-slate-900">
            {t("empty.title")}
          </h2>
          <p className="mt-2 max-w-2xl">{t("empty.body")}</p>
        </section>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} href={(page) => withParams("/admin/courses", { page })} />
    </div>
  );
}
