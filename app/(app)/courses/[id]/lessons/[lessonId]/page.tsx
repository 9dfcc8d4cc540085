import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LessonCompletion } from "@/components/learning/lesson-completion";
import { LessonNavigation } from "@/components/learning/lesson-navigation";
import { Paragraphs } from "@/components/learning/paragraphs";
import { loadLesson } from "./load";

type Params = Promise<{ id: string; lessonId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id, lessonId } = await params;
  const lesson = await loadLesson(id, lessonId);
  return { title: lesson ? `${lesson.title} · ${lesson.courseTitle}` : (await getTranslations("errors"))("notFoundTitle") };
}

/** A lesson: its text, then "Mark as complete" or its quiz, and the way to the next lesson. */
export default async function LessonPage({ params }: { params: Params }) {
  const { id, lessonId } = await params;
  const lesson = await loadLesson(id, lessonId);
  if (!lesson) notFound();
  const t = await getTranslations("lesson");
  const courseHref = `/courses/${lesson.courseId}`;
  const lessonHref = (other: string | null) => (other ? `${courseHref}/lessons/${other}` : null);
  const completedNote = lesson.completedAt && (
    <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
      {t("completedOn", { date: lesson.completedAt })}
      {lesson.score !== null && <span className="ml-1 font-semibold">{t("score", { score: lesson.score })}</span>}
    </p>
  );
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <Link href={courseHref} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
          <span aria-hidden="true">←</span> {t("back", { course: lesson.courseTitle })}
        </Link>
        <p className="text-sm text-slate-600">{t("position", { number: lesson.number, count: lesson.lessonCount })}</p>
        <h1 className="text-2xl font-semibold break-words">{lesson.title}</h1>
      </header>
      <Paragraphs content={lesson.content} />
      <LessonCompletion
        lessonId={lesson.id}
        questions={lesson.questions}
        completedNote={completedNote}
        nextHref={lessonHref(lesson.nextLessonId)}
        courseHref={courseHref}
      />
      <LessonNavigation
        previousHref={lessonHref(lesson.previousLessonId)}
        nextHref={lessonHref(lesson.nextLessonId)}
        courseHref={courseHref}
      />
    </article>
  );
}
