import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApiKeysTable } from "@/components/hr/api-keys/api-keys-table";
import { NewApiKeyButton } from "@/components/hr/api-keys/new-api-key-button";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { listApiKeys } from "@/lib/hr/api-keys/queries";
import { can } from "@/lib/permissions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiKeys"))("title") };
}

/** The admins' "API keys"; anybody else gets a 404. A company has a handful of keys: one page. */
export default async function ApiKeysPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "apiKeys.manage")) notFound();
  const [rows, t] = await Promise.all([listApiKeys(companyDb(viewer), viewer), getTranslations("apiKeys")]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} action={<NewApiKeyButton />} />
      <p>
        <Link href="/developers/api" className="text-sm font-medium text-brand-700 underline">
          {t("reference")}
        </Link>
      </p>
      {rows.length > 0 ? (
        <ApiKeysTable rows={rows} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">{t("empty")}</p>
      )}
    </div>
  );
}
