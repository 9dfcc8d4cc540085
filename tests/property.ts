import fc from "fast-check";

/**
 * Property-based tests (fast-check) run twice over: a few cases in `npm test`, many in `npm run fuzz`
 * (scripts/fuzz.ts sets COHORT_FUZZ). The seed is printed with every run, so that a failure can be
 * replayed (`FUZZ_SEED=<seed> npm run fuzz`) and then committed as a regression case.
 */
export const fuzzing = process.env.COHORT_FUZZ === "1";

const seed = Number(process.env.FUZZ_SEED ?? (fuzzing ? Date.now() % 2 ** 31 : 20261206));
let announced = false;

/** fast-check's parameters for a property: `inTest` runs in `npm test`, `inFuzz` in `npm run fuzz`. */
export function propertyRuns(inTest: number, inFuzz: number): fc.Parameters<unknown> {
  if (!announced) {
    console.log(`[property] seed ${seed} (replay: FUZZ_SEED=${seed}${fuzzing ? " npm run fuzz" : ""})`);
    announced = true;
  }
  return { seed, numRuns: fuzzing ? inFuzz : inTest };
}

/** A property test's time limit: a minute for its runs in `npm test`, an hour for the many of `npm run fuzz`. */
export const propertyTimeout = fuzzing ? 3_600_000 : 60_000;
