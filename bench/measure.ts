/** One timed call; any set-up it needs happens before `timed` starts the clock. */
export type Side = (iteration: number) => Promise<number>;

export type Plan = {
  warmup: number;
  iterations: number;
  rounds: number;
  /**
   * docs/architecture.md and bench/README.md: sub-second work gets ≥ 200 timed iterations, multi-second jobs 5–10 runs. A case
   * whose warm-up median is above `aboveMs` is a job on this machine and gets `iterations` per round.
   */
  job?: { aboveMs: number; iterations: number };
};

export type Figures = { p50: number; p95: number; bareP50: number; bareP95: number };

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Linear interpolation between the closest ranks. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

/**
 * Ours and the floor, interleaved (ours, bare, ours, bare…) so that both see the same state of
 * caches, autovacuum and neighbours; warm-up first, then `rounds` rounds of pairs.
 */
export async function interleave(plan: Plan, ours: Side, bare: Side): Promise<{ rounds: Figures[]; perRound: number }> {
  let iteration = 0;
  const warm: number[] = [];
  for (let i = 0; i < plan.warmup; i++, iteration++) {
    warm.push(await ours(iteration));
    await bare(iteration);
  }
  const perRound = plan.job && median(warm) > plan.job.aboveMs ? plan.job.iterations : plan.iterations;
  const rounds: Figures[] = [];
  for (let round = 0; round < plan.rounds; round++) {
    const mine: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < perRound; i++, iteration++) {
      mine.push(await ours(iteration));
      floor.push(await bare(iteration));
    }
    rounds.push({
      p50: percentile(mine, 0.5),
      p95: percentile(mine, 0.95),
      bareP50: percentile(floor, 0.5),
      bareP95: percentile(floor, 0.95),
    });
  }
  return { rounds, perRound };
}

/** Each figure is the median of the rounds' figures. */
export function medianOfRounds(rounds: readonly Figures[]): Figures {
  const pick = (key: keyof Figures) => median(rounds.map((round) => round[key]));
  return { p50: pick("p50"), p95: pick("p95"), bareP50: pick("bareP50"), bareP95: pick("bareP95") };
}
