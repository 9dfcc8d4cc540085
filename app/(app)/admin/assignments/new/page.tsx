import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BulkAssignmentWizard } from "@/components/assignments/bulk-assignment-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listGroupOptions } from "@/lib/groups/queries";
import { listCourseOptions } from "@/lib/learning/queries";
import { listDepartments } from "@/lib/departments/queries";
import { can } from "@/lib/permissions";
import { type SearchParams, textParam } from "../../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assignmentWizard"))("title") };
}

/** "Mandatory assignments" → "Bulk assignment", for admins. */
export default async function BulkAssignmentPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "assignment.assign")) notFound();
  const params = await searchParams;
  const db = companyDb(viewer);
  const [courses, departments, groups, t] = await Promise.all([
    listCourseOptions(db, viewer),
    listDepartments(db, viewer),
    listGroupOptions(db, viewer, { includeArchived: false }),
    getTranslations("assignmentWizard"),
  ]);
  // Pre-filled from the query (`?groupId=` from a group page): ids count only when the lists, the company's own, hold them.
  const courseId = textParam(params.courseId);
  const groupId = textParam(params.groupId);
  return (
    <div className="space-y-6">
      <Link href="/admin/assignments" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
        <span aria-hidden="true">←</span> {t("back")}
      </Link>
      <PageHeader title={t("title")} intro={t("intro")} />
      <BulkAssignmentWizard
        options={{ courses, departments, groups }}
        start={{
          courseId: courses.some((course) => course.id === courseId) ? courseId : undefined,
          groupId: groups.some((group) => group.id === groupId) ? groupId : undefined,
        }}
      />
    </div>
  );
}
