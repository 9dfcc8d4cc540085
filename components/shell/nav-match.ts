/**
 * Which entry of the main menu is the current one: the one whose path matches the most segments of
 * the page's path. An entry's `href` matches itself and every page below it ("/admin/people" matches
 * "/admin/people/<id>"); `covers` names further paths it stands for, where "[id]" matches any one
 * segment. So a group's pages ("/groups/[id]", two segments) belong to "Learning groups" for the
 * admins who have that entry, before "My groups" ("/groups", one segment); everyone else has no such
 * entry, and "My groups" is theirs. Home ("/", no segment) matches only itself.
 */
export type MatchableEntry = { href: string; covers?: readonly string[] };

const segmentsOf = (path: string) => path.split("/").filter(Boolean);

/** How many segments `pattern` matches of `path` when `path` is it or lies below it; -1 when it does not. */
function matchedSegments(pattern: string, path: readonly string[]): number {
  const wanted = segmentsOf(pattern);
  if (wanted.length === 0) return path.length === 0 ? 0 : -1;
  if (wanted.length > path.length) return -1;
  return wanted.every((segment, index) => segment === "[id]" || segment === path[index]) ? wanted.length : -1;
}

/** The href of the current entry for `pathname`, or null when no entry stands for the page. */
export function currentHref(pathname: string, entries: readonly MatchableEntry[]): string | null {
  const path = segmentsOf(pathname);
  let best: { href: string; score: number } | null = null;
  for (const entry of entries) {
    const score = Math.max(...[entry.href, ...(entry.covers ?? [])].map((pattern) => matchedSegments(pattern, path)));
    if (score >= 0 && (!best || score > best.score)) best = { href: entry.href, score };
  }
  return best?.href ?? null;
}

/** The menu as the server hands it to the browser: filtered by permission, labelled in the viewer's language. */
export type NavEntry = MatchableEntry & { label: string };
export type NavSection = { label: string; entries: NavEntry[] };
