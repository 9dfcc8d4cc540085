import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LeaverForm } from "@/components/hr/forms/leaver-form";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hr.leaver"))("title") };
}

/** HR's "Leaver": the one deactivation, as HR (the layout admits HR staff and admins only). */
export default async function LeaverPage() {
  const t = await getTranslations("hr.leaver");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <LeaverForm />
    </div>
  );
}
