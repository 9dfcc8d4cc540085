import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CourseList } from "@/components/learning/course-list";
import { LearnerAchievements } from "@/components/learning/learner-achievements";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getLearningRecords, getMyStreak } from "@/lib/learning/achievements";
import { COURSES_PAGE_SIZE, listMyCourses } from "@/lib/learning/queries";
import { pageParam, type SearchParams, withParams } from "../../search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("courses"))("title") };
}

/** Everyone's courses: the company's courses with my progress, a page at a time, my streak and my badges. */
export default async function CoursesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const db = companyDb(viewer);
  const params = await searchParams;
  const [courses, records, streak, t] = await Promise.all([
    listMyCourses(db, viewer, { page: pageParam(params.page), pageSize: COURSES_PAGE_SIZE }),
    getLearningRecords(db, viewer, viewer.userId),
    getMyStreak(db, viewer),
    getTranslations("courses"),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <LearnerAchievements streak={streak} badges={records.badges} />
      <CourseList courses={courses.rows} emptyPage={courses.page > 1} />
      <Pagination page={courses.page} hasNext={courses.hasNext} href={(page) => withParams("/courses", { page })} />
    </div>
  );
}
