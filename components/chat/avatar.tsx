/**
 * Tints for initials: a light background with its own dark text, each pair above 4.5:1 contrast, so
 * the letters read on any of them; the colour only tells people apart at a glance, the name says who.
 */
const TINTS = [
  "bg-sky-100 text-sky-900",
  "bg-emerald-100 text-emerald-900",
  "bg-amber-100 text-amber-900",
  "bg-rose-100 text-rose-900",
  "bg-violet-100 text-violet-900",
  "bg-teal-100 text-teal-900",
  "bg-orange-100 text-orange-900",
  "bg-indigo-100 text-indigo-900",
] as const;

/** The same person gets the same tint everywhere and on every visit: a hash of their id (FNV-1a). */
export function tintOf(personId: string): (typeof TINTS)[number] {
  let hash = 0x811c9dc5;
  for (let index = 0; index < personId.length; index++) hash = Math.imul(hash ^ personId.charCodeAt(index), 0x01000193);
  return TINTS[(hash >>> 0) % TINTS.length]!;
}

/** Up to two letters: the first and last name's initials ("Anna Maria Lee" → "AL"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(words[0] ?? "?")][0] ?? "?";
  const last = words.length > 1 ? ([...(words.at(-1) ?? "")][0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** A person's initials in their tint; decoration beside their name (aria-hidden), never instead of it. */
export function Avatar({ personId, name }: { personId: string; name: string }) {
  return (
    <span
      aria-hidden="true"
      className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold select-none ${tintOf(personId)}`}
    >
      {initialsOf(name)}
    </span>
  );
}
