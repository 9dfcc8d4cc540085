import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { GroupView } from "@/lib/groups/queries";

/** The group page's header: name, state, purpose and the facts, with the actions the viewer may take. */
export async function GroupHeader({ group, backHref, actions }: { group: GroupView; backHref: string | null; actions: ReactNode }) {
  const [t, format] = await Promise.all([getTranslations("group"), getFormatter()]);
  const tg = await getTranslations("groups");
  const facts = [
    { label: t("course"), value: group.courseTitle ?? tg("noCourse") },
    {
      label: t("members"),
      value:
        group.maxMembers === null
          ? tg("memberCount", { members: group.memberCount })
          : tg("memberCountOfMax", { members: group.memberCount, max: group.maxMembers }),
    },
    { label: t("owner"), value: group.access.isOwner ? t("ownerYou", { name: group.ownerName }) : group.ownerName },
    { label: t("created"), value: format.dateTime(group.createdAt, "date") },
  ];
  return (
    <header className="space-y-4">
      {backHref && (
        <Link href={backHref} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
          <span aria-hidden="true">←</span> {t("back")}
        </Link>
      )}
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold break-words">{group.name}</h1>
            {group.archivedAt && <Badge tone="warning">{t("archived")}</Badge>}
            <Badge tone={group.visibility === "public" ? "brand" : "neutral"}>{tg(`visibility.${group.visibility}`)}</Badge>
          </div>
          {group.description && <p className="mt-2 max-w-3xl whitespace-pre-line text-slate-700">{group.description}</p>}
          {group.archivedAt && <p className="mt-2 text-sm text-amber-900">{t("archivedNote", { date: group.archivedAt })}</p>}
        </div>
        {actions}
      </div>
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 sm:grid-cols-4">
        {facts.map((fact) => (
          <div key={fact.label} className="bg-white px-4 py-3">
            <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{fact.label}</dt>
            <dd className="mt-1 text-sm font-medium text-slate-900 tabular-nums">{fact.value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
