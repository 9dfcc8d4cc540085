import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BulkAssignmentWizard } from "@/components/assignments/bulk-assignment-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { findGroupOption } from "@/lib/groups/queries";
import { findCourseOption } from "@/lib/learning/queries";
import { can } from "@/lib/permissions";
import { type SearchParams, uuidParam } from "../../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assignmentWizard"))("title") };
}

/** "Mandatory assignments" → "Bulk assignment", for admins. */
export default async function BulkAssignmentPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "assignment.assign")) notFound();
  const params = await searchParams;
  const db = companyDb(viewer);
  // Pre-filled from the query (`?groupId=` from a group page): ids count only when the company's own lists hold them.
  const courseId = uuidParam(params.courseId);
  const groupId = uuidParam(params.groupId);
  const [course, group, t] = await Promise.all([
    courseId ? findCourseOption(db, viewer, courseId) : null,
    groupId ? findGroupOption(db, viewer, groupId, { includeArchived: false }) : null,
    getTranslations("assignmentWizard"),
  ]);
  return (
    <div className="space-y-6">
      <Link href="/admin/assignments" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
        <span aria-hidden="true">←</span> {t("back")}
      </Link>
      <PageHeader title={t("title")} intro={t("intro")} />
      <BulkAssignmentWizard start={{ course: course ?? undefined, group: group ?? undefined }} />
    </div>
  );
}
