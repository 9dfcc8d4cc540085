import os from "node:os";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { BenchCase, Details } from "../case";
import { BENCH_IDS } from "../data";
import { type Figures, percentile } from "../measure";
import { actionId, callAction } from "../server/http";
import { ACTIONS_FILE, body, createGroup, round, startBenchApp } from "./chat-support";
import { newCourse } from "./learning";
import { admins, cookies } from "./pages";

/*
 * Many people at once: the pages of `pages.ts`, chat posts and lesson completions as one mixed
 * workload through the production server, closed-loop (each virtual person sends their next request
 * when the last one answered, no think time), at 10, 25 and 50 people for a minute each. One person
 * in ten is an admin reading admin pages and statistics; the others are learners of one 60-member
 * group on a 200-lesson course who read their pages, post in the group's chat (at most once per
 * 1.1 s each: the chat's own limit is 10 per 10 s) and complete the course's lessons in order.
 */

const LEVELS = [10, 25, 50] as const;
const LEVEL_SECONDS = 60;
/** The floor: one learner's mix alone (the second person: the first is an admin), without anybody to wait for. */
const ALONE_SECONDS = 20;
const LOAD_P95_MS = 500;
const LEARNERS = 60;
const LESSONS = 200;
const CHAT_SPACING_MS = 1_100;
/** Of a learner's requests: chat posts and completions; the rest are pages. */
const MIX = { chat: 0.2, completion: 0.15 } as const;
const SAMPLE_MS = 500;

type Kind = "page" | "chat" | "completion";
type Outcome = { kind: Kind; ms: number; error: string | null };

type Persona = {
  cookie: string;
  pages: string[];
  /** A learner's: the group they post in, and the lessons left to complete, in order. */
  learner: { lessons: string[]; lastPost: number } | null;
};

type World = { groupId: string; courseId: string; personas: Persona[] };

/** A small deterministic generator, so two runs send the same mix. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function setUp(pool: pg.Pool): Promise<World> {
  const { courseId, lessonIds } = await newCourse(pool, "load", LESSONS);
  const { groupId, members } = await createGroup(pool, LEARNERS);
  await pool.query("update learning_groups set course_id = $2 where id = $1", [groupId, courseId]);
  const learnerJar = await cookies(pool, members);
  const adminPeople = await admins(pool);
  const adminJar = await cookies(pool, adminPeople);
  const learnerPages = ["/", "/groups", `/groups/${groupId}/chat`, `/groups/${groupId}/activity`, `/groups/${groupId}/members`];
  const adminPages = ["/admin/groups", "/admin/people", "/admin/reports", `/groups/${BENCH_IDS.statsGroup}/statistics`];
  const personas: Persona[] = Array.from({ length: Math.max(...LEVELS) }, (_, i) => {
    if (i % 10 === 0) return { cookie: adminJar.get(adminPeople[(i / 10) % adminPeople.length]!.id)!, pages: adminPages, learner: null };
    return { cookie: learnerJar.get(members[i]!.id)!, pages: learnerPages, learner: { lessons: [...lessonIds], lastPost: 0 } };
  });
  return { groupId, courseId, personas };
}

type Senders = { post: string; complete: string };

/** One request of a persona, chosen by the mix; a chat post too soon after their last becomes a page. */
async function oneRequest(baseUrl: string, world: World, persona: Persona, senders: Senders, random: () => number): Promise<Outcome> {
  const draw = random();
  const learner = persona.learner;
  const kind: Kind =
    learner && draw < MIX.chat && Date.now() - learner.lastPost >= CHAT_SPACING_MS
      ? "chat"
      : learner && draw >= MIX.chat && draw < MIX.chat + MIX.completion && learner.lessons.length > 0
        ? "completion"
        : "page";
  const started = performance.now();
  const send = async (): Promise<string | null> => {
    if (kind === "chat") {
      learner!.lastPost = Date.now();
      const result = await callAction<ActionResult<unknown>>(baseUrl, `/groups/${world.groupId}/chat`, persona.cookie, senders.post, [
        { groupId: world.groupId, operationId: randomUUID(), kind: "note", body: body(Math.floor(draw * 1e6)) },
      ]);
      return result.ok ? null : JSON.stringify(result.error);
    }
    if (kind === "completion") {
      const lessonId = learner!.lessons.shift()!;
      const result = await callAction<ActionResult<unknown>>(
        baseUrl,
        `/courses/${world.courseId}/lessons/${lessonId}`,
        persona.cookie,
        senders.complete,
        [{ lessonId, operationId: randomUUID() }],
      );
      return result.ok ? null : JSON.stringify(result.error);
    }
    const path = persona.pages[Math.floor(random() * persona.pages.length)]!;
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: persona.cookie, accept: "text/html" }, redirect: "manual" });
    await response.arrayBuffer();
    return response.status === 200 ? null : `${path} answered ${response.status}`;
  };
  // A request that throws (a refused connection, an action answering 500) is an error of its own kind.
  const error = await send().catch((thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown)));
  return { kind, ms: performance.now() - started, error };
}

/** The machine's CPU time spent busy, over all cores, between two readings. */
function cpuBusy(): () => number {
  const read = () =>
    os
      .cpus()
      .reduce((sum, cpu) => ({ idle: sum.idle + cpu.times.idle, total: sum.total + Object.values(cpu.times).reduce((a, b) => a + b, 0) }), {
        idle: 0,
        total: 0,
      });
  const before = read();
  return () => {
    const after = read();
    return Math.round((1 - (after.idle - before.idle) / (after.total - before.total)) * 100);
  };
}

/** PostgreSQL's view while a level runs: statements running at once, and those waiting for a lock, sampled. */
function databaseSampler(pool: pg.Pool) {
  const samples: { active: number; waiting: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ active: number; waiting: number }>(
        `select count(*) filter (where state = 'active' and pid <> pg_backend_pid())::int as active,
                count(*) filter (where wait_event_type = 'Lock')::int as waiting
         from pg_stat_activity where datname = current_database()`,
      );
      samples.push(rows[0]!);
      await sleep(SAMPLE_MS);
    }
  })();
  return async () => {
    running = false;
    await loop;
    const most = (key: "active" | "waiting") => Math.max(0, ...samples.map((sample) => sample[key]));
    const mean = (key: "active" | "waiting") => round(samples.reduce((sum, sample) => sum + sample[key], 0) / Math.max(1, samples.length));
    return {
      db_active_mean: mean("active"),
      db_active_max: most("active"),
      lock_waits_mean: mean("waiting"),
      lock_waits_max: most("waiting"),
    };
  };
}

type Level = { users: number; seconds: number; outcomes: Outcome[]; cpu_busy_percent: number } & Record<string, unknown>;

async function runLevel(baseUrl: string, world: World, senders: Senders, pool: pg.Pool, users: number, seconds: number): Promise<Level> {
  const deadline = performance.now() + seconds * 1000;
  const outcomes: Outcome[] = [];
  const busy = cpuBusy();
  const sampled = databaseSampler(pool);
  await Promise.all(
    world.personas.slice(0, users).map(async (persona, index) => {
      const random = generator(users * 1000 + index);
      while (performance.now() < deadline) outcomes.push(await oneRequest(baseUrl, world, persona, senders, random));
    }),
  );
  return { users, seconds, outcomes, cpu_busy_percent: busy(), ...(await sampled()) };
}

function summary(level: Level): Details {
  const { outcomes, seconds, ...rest } = level;
  const times = (kind?: Kind) => outcomes.filter((o) => !kind || o.kind === kind).map((o) => o.ms);
  const p = (values: number[], q: number) => (values.length === 0 ? null : round(percentile(values, q)));
  const errors = outcomes.filter((o) => o.error !== null);
  return {
    ...rest,
    requests: outcomes.length,
    per_second: round(outcomes.length / seconds),
    p50_ms: p(times(), 0.5),
    p95_ms: p(times(), 0.95),
    p99_ms: p(times(), 0.99),
    p95_ms_by_kind: Object.fromEntries((["page", "chat", "completion"] as const).map((kind) => [kind, p(times(kind), 0.95)])),
    requests_by_kind: Object.fromEntries((["page", "chat", "completion"] as const).map((kind) => [kind, times(kind).length])),
    errors: errors.length,
    first_errors: [...new Set(errors.map((o) => o.error))].slice(0, 3),
  };
}

/**
 * `load.mixed`: the levels one after another against one server; its figures are the 50-person
 * level's p50/p95 over the same mix by one person alone (the floor). Every level's throughput, p95,
 * errors, CPU and database figures are in the details.
 */
export const loadMixed: BenchCase = {
  name: "load.mixed",
  target: `at ${LEVELS.at(-1)} people at once: 0 errors and p95 ≤ ${LOAD_P95_MS} ms (levels ${LEVELS.join(", ")}, ${LEVEL_SECONDS} s each)`,
  plan: { warmup: 0, iterations: 0, rounds: 1 },
  passes: ({ p95 }, details) => p95 <= LOAD_P95_MS && details.errors === 0,
  async prepare({ bare: pool, url }) {
    const world = await setUp(pool);
    const { app, details } = await startBenchApp(url);
    const senders = {
      post: actionId(ACTIONS_FILE, "postMessageAction"),
      complete: actionId("lib/learning/actions.ts", "completeLessonAction"),
    };
    let levelDetails: Details = {};
    return {
      ours: () => Promise.reject(new Error("measured by levels")),
      bare: () => Promise.reject(new Error("measured by levels")),
      details,
      measure: async () => {
        // A warm server: every page once by one person, as after the others' first visits.
        await runLevel(app.baseUrl, world, senders, pool, 1, 5);
        const alone = await runLevel(app.baseUrl, { ...world, personas: world.personas.slice(1) }, senders, pool, 1, ALONE_SECONDS);
        const levels: Level[] = [];
        for (const users of LEVELS) levels.push(await runLevel(app.baseUrl, world, senders, pool, users, LEVEL_SECONDS));
        const top = levels.at(-1)!;
        const times = (level: Level) => level.outcomes.map((o) => o.ms);
        const figures: Figures = {
          p50: percentile(times(top), 0.5),
          p95: percentile(times(top), 0.95),
          bareP50: percentile(times(alone), 0.5),
          bareP95: percentile(times(alone), 0.95),
        };
        levelDetails = {
          alone: summary(alone),
          levels: levels.map(summary),
          errors: levels.reduce((sum, level) => sum + level.outcomes.filter((o) => o.error !== null).length, 0),
        };
        return { rounds: [figures], perRound: top.outcomes.length };
      },
      finish: async () => levelDetails,
      close: () => app.stop(),
    };
  },
};
