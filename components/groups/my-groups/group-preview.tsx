import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { DiscoverGroup } from "@/lib/groups/my-groups/queries";
import { GroupFacts } from "./group-facts";
import { JoinButton } from "./join-button";

/** A public group as a non-member sees it: what it is about and Join, never its chat, feed or members. */
export async function GroupPreview({ group }: { group: DiscoverGroup }) {
  const t = await getTranslations("myGroups");
  return (
    <div className="max-w-2xl space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">{group.name}</h1>
        <Badge>{t("public")}</Badge>
      </div>
      <p className="text-slate-600">{t("preview.intro")}</p>
      <p className="whitespace-pre-line text-slate-800">{group.description || t("noDescription")}</p>
      <GroupFacts courseTitle={group.courseTitle} memberCount={group.memberCount} maxMembers={group.maxMembers} />
      <p className="text-sm text-slate-600">{t("preview.notMember")}</p>
      <JoinButton groupId={group.id} groupName={group.name} />
    </div>
  );
}
