import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { HrNav } from "@/components/hr/hr-nav";
import { requireViewer } from "@/lib/auth/current-user";
import { can } from "@/lib/permissions";

/** The HR area (`/hr`), for HR staff and admins: one tab per HR form. */
export default async function HrLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (!can(viewer, "hr.forms")) notFound();
  const t = await getTranslations("hr");
  return (
    <div className="space-y-6">
      <HrNav
        label={t("nav.label")}
        items={[
          { href: "/hr/new-hire", label: t("nav.newHire") },
          { href: "/hr/department-change", label: t("nav.departmentChange") },
          { href: "/hr/leaver", label: t("nav.leaver") },
          { href: "/hr/import", label: t("nav.import") },
        ]}
      />
      {children}
    </div>
  );
}
