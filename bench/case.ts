import type pg from "pg";
import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { type Recorder, replay, type Statement } from "./capture";
import { type Figures, median, percentile, type Plan, type Side, timed } from "./measure";

/**
 * What a case gets: the app's handle, a raw `pg` pool for the floor, a recorder, the admin's context,
 * and the copy's URL (for a case that starts the app itself against it).
 */
export type Bench = { db: Database; bare: pg.Pool; recorder: Recorder; ctx: Ctx; url: string };

export type Details = Record<string, unknown>;

export type Prepared = {
  ours: Side;
  bare: Side;
  details?: Details;
  /** Runs after the measurement: checks and figures that need the final state. */
  finish?: () => Promise<Details>;
  /** Replaces the interleaving of single calls, for a case whose figures are not one time per call. */
  measure?: (plan: Plan) => Promise<{ rounds: Figures[]; perRound: number }>;
  /** Stops what `prepare` started (servers, clients); runs after success and failure alike. */
  close?: () => Promise<void>;
};

export type BenchCase = {
  name: string;
  /** The target as the issue states it; every comparison is on p95. */
  target: string;
  plan: Plan;
  prepare(bench: Bench): Promise<Prepared>;
  passes(figures: Figures, details: Details): boolean;
};

/**
 * A read measured over a fixed list of variants (terms, pages), taken in turn. Each variant's
 * statements are recorded once; the floor replays them through raw `pg` with the same concurrency.
 */
type Variant = { label: string; run: (db: Database) => Promise<unknown> };

/**
 * A fixed floor's figures: its statements timed in one transaction as often as ours were called, and
 * our p95 over its p95 (ours were measured first; the floor runs on the same warm copy right after).
 */
async function fixedFloor(bench: Bench, statements: string[], ours: number[]): Promise<Details> {
  const times: number[] = [];
  const client = await bench.bare.connect();
  try {
    for (let i = 0; i < ours.length; i++) {
      times.push(
        await timed(async () => {
          await client.query("begin");
          for (const statement of statements) await client.query(statement);
          await client.query("commit");
        }),
      );
    }
  } finally {
    client.release();
  }
  const floorP95 = percentile(times, 0.95);
  return {
    fixed_floor_p50_ms: Math.round(median(times) * 100) / 100,
    fixed_floor_p95_ms: Math.round(floorP95 * 100) / 100,
    ratio_to_fixed_floor: Math.round((percentile(ours, 0.95) / floorP95) * 100) / 100,
  };
}

export function readCase(options: {
  name: string;
  target: string;
  plan: Plan;
  variants: (bench: Bench) => Variant[] | Promise<Variant[]>;
  /** Rows a variant returned, shown in the results: a fast empty answer would prove nothing. */
  size: (result: unknown) => number;
  /**
   * The minimal floor a hand-written solution needs (the fixed floors), beside the replay of
   * our own SQL: its statements, run as one transaction through raw `pg` once per timed call of ours
   * after the measured rounds, with its p95 and our ratio to it in the details.
   */
  fixedFloor?: { sql: string; statements: (bench: Bench) => Promise<string[]> };
  passes: BenchCase["passes"];
}): BenchCase {
  return {
    name: options.name,
    target: options.target,
    plan: options.plan,
    passes: options.passes,
    async prepare(bench) {
      const variants = await options.variants(bench);
      const floorStatements = await options.fixedFloor?.statements(bench);
      const recorded: Statement[][] = [];
      const rows: Record<string, number> = {};
      let statements = 0;
      for (const variant of variants) {
        const { result, statements: emitted } = await bench.recorder.record(variant.run);
        recorded.push(emitted);
        rows[variant.label] = options.size(result);
        statements = Math.max(statements, emitted.length);
      }
      const pick = (iteration: number) => iteration % variants.length;
      const byVariant: number[][] = variants.map(() => []);
      const ours: Side = async (iteration) => {
        const ms = await timed(() => variants[pick(iteration)]!.run(bench.db));
        byVariant[pick(iteration)]!.push(ms);
        return ms;
      };
      const bare: Side = (iteration) => timed(() => replay(bench.bare, recorded[pick(iteration)]!));
      return {
        ours,
        bare,
        details: {
          variants: variants.length,
          statements_per_call: statements,
          rows,
          ...(options.fixedFloor && { fixed_floor: options.fixedFloor.sql }),
        },
        // Which variants are slow: the median of our calls for each.
        finish: async () => ({
          p50_ms_by_variant: Object.fromEntries(variants.map((v, i) => [v.label, Math.round(median(byVariant[i]!) * 10) / 10])),
          ...(floorStatements && (await fixedFloor(bench, floorStatements, byVariant.flat()))),
        }),
      };
    },
  };
}
