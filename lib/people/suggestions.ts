/**
 * How well a suggested person matches what was typed, best first: the whole name (or email), its
 * start, the start of another word of it, somewhere inside it, or only resembling it (a typo).
 */
export type MatchQuality = 0 | 1 | 2 | 3 | 4;

/** A person as every picker suggests them: with what tells namesakes apart, and how well they match. */
export type PersonSuggestion = {
  id: string;
  name: string;
  /** Shown where the picker's users may read colleagues' addresses (admins and HR); null elsewhere. */
  email: string | null;
  departmentName: string | null;
  match: MatchQuality;
};

/**
 * The suggestion Enter may take without the arrow keys: the only one, or one that matches better than
 * every other. Among several alike ("Lena" for Lena Learner and Lena Lang) nothing is taken.
 */
export function soleBest<T extends PersonSuggestion>(results: readonly T[] | null): T | null {
  if (!results?.length) return null;
  return results.length === 1 || results[0]!.match < results[1]!.match ? results[0]! : null;
}
