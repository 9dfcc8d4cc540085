/** Imported text (a lesson, a course description): paragraphs are separated by blank lines; single line breaks stay within a paragraph. */
export function Paragraphs({ content }: { content: string }) {
  const paragraphs = content
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <div className="max-w-prose space-y-4 text-base leading-relaxed text-slate-800">
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="whitespace-pre-line">
          {paragraph}
        </p>
      ))}
    </div>
  );
}
