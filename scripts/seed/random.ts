/**
 * A seeded PRNG so that every seed run produces the same people, progress and groups:
 * screenshots, end-to-end tests and bug reports can then refer to "the demo data" as one thing.
 * Math.random would make each fresh database different.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Random = ReturnType<typeof createRandom>;

/** mulberry32: tiny and statistically good enough for demo data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  /** Integer in [min, max], both inclusive. */
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const between = (min: number, max: number): number => min + next() * (max - min);

  const chance = (probability: number): boolean => next() < probability;

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick() from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };

  /** Fisher–Yates on a copy, so callers' lists keep their order. */
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };

  const sample = <T>(items: readonly T[], count: number): T[] => shuffle(items).slice(0, count);

  /** A version-4-shaped UUID from the stream, for ids we must know before inserting (batch ids). */
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = "4";
    hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };

  return { next, int, between, chance, pick, shuffle, sample, uuid };
}

export const ago = (now: Date, ms: number): Date => new Date(now.getTime() - ms);
export const after = (from: Date, ms: number): Date => new Date(from.getTime() + ms);
