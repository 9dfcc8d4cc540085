import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DepartmentChangeForm } from "@/components/hr/forms/department-change-form";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listFormGroups } from "@/lib/hr/forms/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hr.departmentChange"))("title") };
}

/** HR's "Department change": new department, groups joined for it, groups left, in one transaction. */
export default async function DepartmentChangePage() {
  const viewer = await requireViewer();
  const [groups, t] = await Promise.all([listFormGroups(companyDb(viewer), viewer), getTranslations("hr.departmentChange")]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <DepartmentChangeForm groups={groups} />
    </div>
  );
}
