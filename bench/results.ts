import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import type { Details } from "./case";
import type { Figures, Plan } from "./measure";

export const RESULTS_FILE = fileURLToPath(new URL("./results/latest.json", import.meta.url));

export type CaseResult = {
  case: string;
  p50_ms: number | null;
  p95_ms: number | null;
  bare_p50_ms: number | null;
  bare_p95_ms: number | null;
  ratio: number | null;
  target: string;
  pass: boolean;
  iterations: { warmup: number; per_round: number; rounds: number; timed_per_side: number; measured_as: "iterations" | "job" };
  rounds: Figures[];
  details: Details;
  seconds: number;
  error?: string;
};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function caseResult(
  name: string,
  target: string,
  plan: Plan,
  perRound: number,
  outcome: {
    figures?: Figures;
    rounds?: Figures[];
    details: Details;
    pass: boolean;
    seconds: number;
    error?: string;
  },
): CaseResult {
  const f = outcome.figures;
  return {
    case: name,
    p50_ms: f ? round(f.p50) : null,
    p95_ms: f ? round(f.p95) : null,
    bare_p50_ms: f ? round(f.bareP50) : null,
    bare_p95_ms: f ? round(f.bareP95) : null,
    ratio: f ? round(f.p95 / f.bareP95) : null,
    target,
    pass: outcome.pass,
    iterations: {
      warmup: plan.warmup,
      per_round: perRound,
      rounds: plan.rounds,
      timed_per_side: perRound * plan.rounds,
      measured_as: plan.job && perRound === plan.job.iterations ? "job" : "iterations",
    },
    rounds: (outcome.rounds ?? []).map((r) => ({
      p50: round(r.p50),
      p95: round(r.p95),
      bareP50: round(r.bareP50),
      bareP95: round(r.bareP95),
    })),
    details: outcome.details,
    seconds: round(outcome.seconds, 1),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The commit measured; `dirty` when tracked files differ from it (plumbing only: nothing is written). */
export function commitInfo(): { commit: string | null; dirty: boolean } {
  const commit = git(["rev-parse", "HEAD"]);
  const diff = git(["diff-index", "--name-only", "HEAD", "--"]);
  return { commit, dirty: diff !== null && diff.length > 0 };
}

export function machineInfo(postgres: Record<string, string>) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? "unknown",
    cpu_mhz: cpus[0]?.speed ?? null,
    memory_gib: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres_version: postgres.server_version ?? "unknown",
    postgres_settings: postgres,
    load_average_at_start: os.loadavg().map((value) => round(value)),
  };
}

export function writeResults(report: object): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
}

/** The table printed at the end of a run. */
export function table(results: readonly CaseResult[]): string {
  const ms = (value: number | null) => (value === null ? "–" : value.toFixed(1));
  const rows = [
    ["case", "p50 ms", "p95 ms", "bare p95 ms", "ratio", "target", "pass"],
    ...results.map((r) => [
      r.case,
      ms(r.p50_ms),
      ms(r.p95_ms),
      ms(r.bare_p95_ms),
      r.ratio === null ? "–" : r.ratio.toFixed(2),
      r.target,
      r.pass ? "yes" : "NO",
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = new Set([1, 2, 3, 4]);
  const line = (row: string[]) =>
    row.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
