import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CourseList } from "@/components/learning/course-list";
import { LearnerAchievements } from "@/components/learning/learner-achievements";
import { PageHeader } from "@/components/ui/page-header";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getLearningRecords, getMyStreak } from "@/lib/learning/achievements";
import { listMyCourses } from "@/lib/learning/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("courses"))("title") };
}

/** Everyone's courses: the company's courses with my progress, my streak and my badges. */
export default async function CoursesPage() {
  const viewer = await requireViewer();
  const db = companyDb(viewer);
  const [courses, records, streak, t] = await Promise.all([
    listMyCourses(db, viewer),
    getLearningRecords(db, viewer, viewer.userId),
    getMyStreak(db, viewer),
    getTranslations("courses"),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <LearnerAchievements streak={streak} badges={records.badges} />
      <CourseList courses={courses} />
    </div>
  );
}
