import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InvitePersonButton } from "@/components/people/invite-person-button";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { can } from "@/lib/permissions";
import { listDepartments } from "@/lib/people/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.people"))("title") };
}

/** "People", for admins (anybody else gets a 404): for now the title and the Invite button; the directory joins it. */
export default async function AdminPeoplePage() {
  const viewer = await requireViewer();
  if (!can(viewer, "person.invite")) notFound();
  const [departments, t] = await Promise.all([listDepartments(getDb(), viewer), getTranslations("accounts.people")]);
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <InvitePersonButton departments={departments} />
    </div>
  );
}
