import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CourseLessons } from "@/components/learning/course-lessons";
import { CourseProgress } from "@/components/learning/course-progress";
import { Paragraphs } from "@/components/learning/paragraphs";
import { loadCourse } from "./load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const course = await loadCourse((await params).id);
  return { title: course?.title ?? (await getTranslations("errors"))("notFoundTitle") };
}

/** A course for its learners: what it is about, its lessons in order and where I stand. */
export default async function CoursePage({ params }: { params: Params }) {
  const course = await loadCourse((await params).id);
  if (!course) notFound();
  const t = await getTranslations("course");
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <Link href="/courses" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
          <span aria-hidden="true">←</span> {t("back")}
        </Link>
        <h1 className="text-2xl font-semibold break-words">{course.title}</h1>
        {course.description && <Paragraphs content={course.description} />}
      </header>
      <CourseProgress course={course} />
      <section aria-labelledby="course-lessons" className="space-y-3">
        <h2 id="course-lessons" className="text-lg font-semibold">
          {t("lessonsTitle")}
        </h2>
        <CourseLessons courseId={course.id} lessons={course.lessons} />
      </section>
    </div>
  );
}
