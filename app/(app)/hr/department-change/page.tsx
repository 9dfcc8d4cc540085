import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DepartmentChangeForm } from "@/components/hr/forms/department-change-form";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hr.departmentChange"))("title") };
}

/** HR's "Department change": new department, groups joined for it, groups left, in one transaction (the HR layout admits HR staff and admins). */
export default async function DepartmentChangePage() {
  const t = await getTranslations("hr.departmentChange");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <DepartmentChangeForm />
    </div>
  );
}
