import { getTranslations } from "next-intl/server";

/** A group's course and how full it is, as My groups, Discover and the preview show them. */
export async function GroupFacts({
  courseTitle,
  memberCount,
  maxMembers,
}: {
  courseTitle: string | null;
  memberCount: number;
  maxMembers?: number | null;
}) {
  const t = await getTranslations("myGroups");
  return (
    <p className="text-sm text-slate-600">
      {courseTitle ? t("course", { course: courseTitle }) : t("noCourse")}
      {" · "}
      {maxMembers ? t("places", { count: memberCount, max: maxMembers }) : t("members", { count: memberCount })}
    </p>
  );
}
