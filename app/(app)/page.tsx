import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MyAssignmentsCard } from "@/components/home/my-assignments-card";
import { MyCourses } from "@/components/home/my-courses";
import { MyGroups } from "@/components/home/my-groups";
import { companyDb } from "@/db/client";
import { countMyAssignments } from "@/lib/assignments/queries";
import { requireViewer } from "@/lib/auth/current-user";
import { listMyGroups } from "@/lib/home/queries";
import { HOME_COURSES, listMyCourses } from "@/lib/learning/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("home") };
}

export default async function HomePage() {
  const viewer = await requireViewer();
  const db = companyDb(viewer);
  const [assignments, groups, courses, t] = await Promise.all([
    countMyAssignments(db, viewer),
    listMyGroups(db, viewer),
    listMyCourses(db, viewer, { pageSize: HOME_COURSES }),
    getTranslations("home"),
  ]);
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">{t("title", { name: viewer.name })}</h1>
      <MyAssignmentsCard open={assignments.open} overdue={assignments.overdue} />
      <MyGroups groups={groups} />
      <MyCourses courses={courses.rows} more={courses.hasNext} />
    </div>
  );
}
