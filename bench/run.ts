/**
 * `npm run bench [-- <filter>…]`: measures each case against its floor on a copy of the benchmark
 * template, writes bench/results/latest.json and prints a table. Filters match parts of case names.
 */
import os from "node:os";
import { relative } from "node:path";
import pg from "pg";
import { openPostgres } from "@/db/client";
import { withCompany } from "@/db/company";
import { loadViewer } from "@/lib/auth/viewer";
import { env } from "@/base/env";
import type { BenchCase, Details, Prepared } from "./case";
import { openRecorder } from "./capture";
import { assignBulk, departmentAddWithRule } from "./cases/assign-bulk";
import { reminderRun } from "./cases/assign-reminders";
import { chatFanout, chatFanout1000, chatResync } from "./cases/chat";
import { chatPost100k, chatPostDuringAdd } from "./cases/chat-scale";
import { departmentAdd, departmentAdd100k, departmentAddReplay } from "./cases/department-add";
import { backfillFeed, backfillMemberProgress } from "./cases/backfill";
import { feedPage, feedPageSparse } from "./cases/feed";
import { hrImport } from "./cases/hr-import";
import { hrApiBulkMembers } from "./cases/hr-api";
import { hrNewHire } from "./cases/hr-new-hire";
import { learningCompletion, learningCompletionLast } from "./cases/learning";
import { loadMixed } from "./cases/load";
import { PAGE_CASES } from "./cases/pages";
import { peopleSearch, personPage } from "./cases/people";
import { realtimeRotate10k } from "./cases/realtime";
import { groupsRemove10k } from "./cases/remove";
import { groupsDelete100k } from "./cases/delete";
import { autocomplete, groupList, memberPage } from "./cases/reads";
import { statsReports } from "./cases/reports";
import { statsGroup, statsGroup100k, statsOverTime } from "./cases/stats";
import { BENCH_IDS, BENCH_SHAPE } from "./data";
import { copyTemplate, dropStaleCopies, ensureTemplate, serverFacts, TEMPLATE } from "./databases";
import { interleave, medianOfRounds } from "./measure";
import { type CaseResult, caseResult, commitInfo, machineInfo, RESULTS_FILE, table, writeResults } from "./results";

const CASES: BenchCase[] = [
  assignBulk,
  reminderRun,
  autocomplete,
  chatFanout,
  chatFanout1000,
  chatPost100k,
  chatPostDuringAdd,
  chatResync,
  departmentAdd,
  departmentAdd100k,
  departmentAddReplay,
  departmentAddWithRule,
  feedPage,
  feedPageSparse,
  backfillFeed,
  backfillMemberProgress,
  groupList,
  groupsRemove10k,
  groupsDelete100k,
  hrImport,
  hrApiBulkMembers,
  hrNewHire,
  learningCompletion,
  learningCompletionLast,
  loadMixed,
  memberPage,
  ...PAGE_CASES,
  peopleSearch,
  personPage,
  realtimeRotate10k,
  statsGroup,
  statsGroup100k,
  statsReports,
  statsOverTime,
];
const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

const say = (line: string) => console.log(`[bench] ${line}`);

async function runCase(serverUrl: string, benchCase: BenchCase): Promise<CaseResult> {
  const started = performance.now();
  const copy = await copyTemplate(serverUrl, benchCase.name);
  const app = openPostgres(copy.url, { max: 10, connectAs: "app" });
  const bare = new pg.Pool({ connectionString: copy.url, max: 10 });
  // An idle client the server ends (57P01 when a copy is dropped with force) must not end the whole run.
  bare.on("error", (error) => say(`${benchCase.name}: idle bare connection lost (${error.message})`));
  const recorder = openRecorder(copy.url, BENCH_IDS.company);
  let details: Details = {};
  let prepared: Prepared | undefined;
  try {
    // As a request's reads are: the app role, bound to the viewer's company (row-level security).
    const db = withCompany(app.db, BENCH_IDS.company);
    const viewer = await loadViewer(db, BENCH_IDS.admin);
    if (!viewer) throw new Error("The bench admin is missing from the template.");
    const ctx = { userId: viewer.userId, companyId: viewer.companyId, roles: viewer.roles };
    prepared = await benchCase.prepare({ db, bare, recorder, ctx, url: copy.url });
    details = prepared.details ?? {};
    const { rounds, perRound } = prepared.measure
      ? await prepared.measure(benchCase.plan)
      : await interleave(benchCase.plan, prepared.ours, prepared.bare);
    details = { ...details, ...(await prepared.finish?.()) };
    const figures = medianOfRounds(rounds);
    const seconds = (performance.now() - started) / 1000;
    return caseResult(benchCase.name, benchCase.target, benchCase.plan, perRound, {
      figures,
      rounds,
      details,
      seconds,
      pass: benchCase.passes(figures, details),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say(`${benchCase.name} failed: ${message}`);
    return caseResult(benchCase.name, benchCase.target, benchCase.plan, 0, {
      details,
      seconds: (performance.now() - started) / 1000,
      pass: false,
      error: message,
    });
  } finally {
    await prepared?.close?.();
    await Promise.all([app.close(), bare.end(), recorder.close()]);
    await copy.drop();
  }
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((arg) => arg !== "--");
  const selected = CASES.filter((c) => filters.length === 0 || filters.some((filter) => c.name.includes(filter)));
  if (selected.length === 0) {
    console.error(`No case matches ${filters.join(", ")}. Cases: ${CASES.map((c) => c.name).join(", ")}`);
    return 2;
  }
  const serverUrl = env().benchDatabaseUrl ?? LOCAL_POSTGRES;
  const started = performance.now();
  const startedAt = new Date();
  await dropStaleCopies(serverUrl);
  const templateBuildSeconds = await ensureTemplate(serverUrl, say);
  const machine = machineInfo(await serverFacts(serverUrl));

  const results: CaseResult[] = [];
  for (const benchCase of selected) {
    say(`${benchCase.name}…`);
    const result = await runCase(serverUrl, benchCase);
    say(
      `${benchCase.name}: p95 ${result.p95_ms ?? "–"} ms (bare ${result.bare_p95_ms ?? "–"} ms) in ${result.seconds} s: ${result.pass ? "pass" : "FAIL"}`,
    );
    results.push(result);
  }

  const seconds = (performance.now() - started) / 1000;
  writeResults({
    ...commitInfo(),
    started_at: startedAt.toISOString(),
    run_seconds: Math.round(seconds),
    filter: filters.length > 0 ? filters : null,
    machine: { ...machine, load_average_at_end: os.loadavg().map((value) => Math.round(value * 100) / 100) },
    database: { server: new URL(serverUrl).host, template: TEMPLATE, template_build_seconds: templateBuildSeconds, data: BENCH_SHAPE },
    cases: results,
  });
  console.log(`\n${table(results)}\n`);
  say(
    `${results.filter((r) => r.pass).length} of ${results.length} cases pass; ${Math.round(seconds)} s; results in ${relative(process.cwd(), RESULTS_FILE)}`,
  );
  return results.every((r) => r.pass) ? 0 : 1;
}

process.exitCode = await main();
