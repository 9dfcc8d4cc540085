import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewHireForm } from "@/components/hr/forms/new-hire-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/current-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hr.newHire"))("title") };
}

/** HR's "New hire": one form, one transaction (person, groups, courses, welcome). */
export default async function NewHirePage() {
  const viewer = await requireViewer();
  const t = await getTranslations("hr.newHire");
  // The first day defaults to today where the HR person is.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: viewer.timeZone }).format(new Date());
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <NewHireForm today={today} />
    </div>
  );
}
