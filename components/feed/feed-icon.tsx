import type { FeedEntry } from "@/lib/feed/types";

type Kind = FeedEntry["type"];

/**
 * Each kind of feed event's mark: a tinted disc with a glyph (20×20, solid). Decoration only
 * (aria-hidden): the sentence beside it says what happened.
 */
const icons: Record<Kind, { tone: string; path: string }> = {
  lesson_completed: {
    tone: "bg-emerald-100 text-emerald-700",
    path: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3-4 4a1 1 0 0 1-1.4 0l-2-2a1 1 0 1 1 1.4-1.4L9 10.6l3.3-3.3a1 1 0 0 1 1.4 1.4Z",
  },
  course_completed: {
    tone: "bg-brand-100 text-brand-700",
    path: "M4 2a1 1 0 0 1 1 1v.4l1.9-.6a5 5 0 0 1 3.6.3 3 3 0 0 0 2.2.2L15.7 2A1 1 0 0 1 17 3v8a1 1 0 0 1-.7.9l-3.6 1.3a5 5 0 0 1-3.6-.2 3 3 0 0 0-2.2-.2L5 13.5V17a1 1 0 1 1-2 0V3a1 1 0 0 1 1-1Z",
  },
  streak_milestone: {
    tone: "bg-orange-100 text-orange-700",
    path: "M10.8 1.5a1 1 0 0 0-1.6.2C7.5 4.6 4 7.6 4 11.5a6 6 0 0 0 12 0c0-1.8-.8-3.6-1.9-4.9a1 1 0 0 0-1.7.4c-.2.8-.6 1.5-1.1 2 0-2.6-.3-5.3-.5-7.5Z",
  },
  badge_awarded: {
    tone: "bg-amber-100 text-amber-800",
    path: "M9.1 2.6a1 1 0 0 1 1.8 0l1.9 3.9 4.3.6a1 1 0 0 1 .6 1.7l-3.1 3 .7 4.3a1 1 0 0 1-1.5 1L10 15.2l-3.8 2a1 1 0 0 1-1.5-1.1l.7-4.3-3.1-3a1 1 0 0 1 .6-1.7l4.3-.6 1.9-3.9Z",
  },
  certificate_issued: {
    tone: "bg-violet-100 text-violet-700",
    path: "M4 3a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h5.3l-.3 3.2a.5.5 0 0 0 .8.4L11 17.5l1.2 1.1a.5.5 0 0 0 .8-.4l-.4-3.2H16a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2H4Zm2 3h8a1 1 0 1 1 0 2H6a1 1 0 0 1 0-2Zm0 3h5a1 1 0 1 1 0 2H6a1 1 0 1 1 0-2Z",
  },
  praise: {
    tone: "bg-pink-100 text-pink-700",
    path: "M9.7 16.8 3.6 11a4.2 4.2 0 0 1 6-6l.4.4.4-.4a4.2 4.2 0 0 1 6 6l-6.1 5.8a.5.5 0 0 1-.6 0Z",
  },
};

export function FeedIcon({ kind }: { kind: Kind }) {
  const { tone, path } = icons[kind];
  return (
    <span aria-hidden="true" className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full ${tone}`}>
      <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
        <path fillRule="evenodd" d={path} />
      </svg>
    </span>
  );
}
