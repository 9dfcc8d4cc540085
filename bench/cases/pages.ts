import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Database } from "@/db/client";
import { assignCourse } from "@/lib/assignments/operations/assign-course";
import { listAssignmentOverview } from "@/lib/assignments/overview";
import { type Ctx, loadViewer } from "@/lib/auth/viewer";
import { listMessages } from "@/lib/chat/queries";
import { listFeed } from "@/lib/feed/queries";
import { requireGroupAccess } from "@/lib/group-access/access";
import { listMyGroupsOverview } from "@/lib/groups/my-groups/queries";
import { listGroups } from "@/lib/groups/queries";
import { listMyGroups } from "@/lib/home/queries";
import { addMembers } from "@/lib/membership/operations/add-members";
import { listMembers } from "@/lib/membership/queries/members";
import { listPeople } from "@/lib/people/queries/directory";
import { listReports } from "@/lib/reports/queries";
import { getStatisticsTab } from "@/lib/statistics/group";
import type { Bench, BenchCase, Details } from "../case";
import { BENCH_IDS } from "../data";
import { median, percentile, type Side, timed } from "../measure";
import type { RunningApp } from "../server/app";
import { startDelayProxy } from "../server/delay-proxy";
import { BENCH_PASSWORD, cookiesOf } from "../server/http";
import { mintSessions } from "../server/sessions";
import { round, startBenchApp } from "./chat-support";

/*
 * What a person waits for: a page through the production (standalone) server, as a browser asks for
 * it with a real session cookie, timed to the last byte of the HTML. Each case's variants rotate
 * people and groups; every answer must contain the page's data (a name, a message or a title the
 * data layer gives that viewer in-process), or the case fails. The app reaches PostgreSQL through
 * a delaying proxy (`server/delay-proxy.ts`): undelayed for the measurement (its own cost, a few
 * tens of microseconds per statement, is in the figures), then 1 ms per message to count the
 * sequential round trips.
 */

const PAGE_PLAN = { warmup: 20, iterations: 100, rounds: 3 };
/** Requests with and without the 1 ms delay, alternated, for the round-trip count (its median's noise is a few tenths of a ms). */
const DELAYED_PAIRS = 150;
const VIEWERS_PER_GROUP = 10;
const PAGE_P95_MS = 80;
const SIGN_IN_P95_MS = 120;
const DELAYED_P95_MS = 150;
const MAX_ROUND_TRIPS = 6;

/** One request of a case: whose cookie, which path, and what the answer must contain (for a sign-in: who signs in). */
type Visit = { label: string; path: string; cookie: string; expect: string };

type Person = { id: string; email: string };

const ctxOf = async (db: Database, userId: string): Promise<Ctx> => {
  const viewer = await loadViewer(db, userId);
  if (!viewer) throw new Error(`No viewer ${userId}.`);
  return { userId: viewer.userId, companyId: viewer.companyId, roles: viewer.roles };
};

function first<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`The page would show no ${what}: nothing to check the answer against.`);
  return row;
}

/** People of the bench company who are admins, in id order. */
export async function admins(pool: pg.Pool): Promise<Person[]> {
  const { rows } = await pool.query<Person>(
    "select id, email from users where company_id = $1 and 'admin' = any(roles) and deactivated_at is null order by id",
    [BENCH_IDS.company],
  );
  return rows;
}

/** Active learners (no role) who are members of `groupId`, the first `count` by id. */
async function membersOf(pool: pg.Pool, groupId: string, count: number): Promise<Person[]> {
  const { rows } = await pool.query<Person>(
    `select u.id, u.email from group_members m join users u on u.id = m.user_id
     where m.group_id = $1 and u.deactivated_at is null and cardinality(u.roles) = 0 order by u.id limit $2`,
    [groupId, count],
  );
  return rows;
}

/** Active learners in no group at all, the first `count` by id. */
async function learnersWithoutGroups(pool: pg.Pool, count: number): Promise<Person[]> {
  const { rows } = await pool.query<Person>(
    `select u.id, u.email from users u
     where u.company_id = $1 and u.deactivated_at is null and cardinality(u.roles) = 0
       and not exists (select from group_members m where m.user_id = u.id)
     order by u.id limit $2`,
    [BENCH_IDS.company, count],
  );
  return rows;
}

export async function cookies(pool: pg.Pool, people: readonly Person[]): Promise<Map<string, string>> {
  const sessions = await mintSessions(pool, people);
  return new Map(sessions.map((session) => [session.userId, session.cookie]));
}

/** The two 10,000-member groups: the big one (chat and feed) and the statistics one. */
const TEN_THOUSAND = [BENCH_IDS.bigGroup, BENCH_IDS.statsGroup] as const;

/** 30 chat messages in the statistics group (the big group has its praise), so both groups' chats show messages. */
async function chatInStatsGroup(pool: pg.Pool): Promise<void> {
  const [author] = await membersOf(pool, BENCH_IDS.statsGroup, 1);
  await pool.query(
    `insert into group_messages (company_id, group_id, author_id, kind, body, seq, operation_key, created_at)
     select $1, $2, $3, 'note', 'Statistics group message ' || i, i, gen_random_uuid()::text, now() - make_interval(mins => 30 - i)
     from generate_series(1, 30) i`,
    [BENCH_IDS.company, BENCH_IDS.statsGroup, author!.id],
  );
  await pool.query(
    `insert into group_chat_state (group_id, company_id, last_seq, last_message_at) values ($1, $2, 30, now())
     on conflict (group_id) do update set last_seq = excluded.last_seq, last_message_at = excluded.last_message_at`,
    [BENCH_IDS.statsGroup, BENCH_IDS.company],
  );
}

/**
 * The two groups whose Activity is read: the big group and, as the statistics group's completions
 * were made without events, the other group with the most feed entries (on the big group's course).
 */
async function groupsWithFeeds(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ group_id: string }>(
    "select group_id from group_feed where group_id <> $1 group by group_id order by count(*) desc limit 1",
    [BENCH_IDS.bigGroup],
  );
  return [BENCH_IDS.bigGroup, rows[0]!.group_id];
}

/** A tab of two big groups, each seen by some of its members or (statistics) the admins. */
function groupTabVisits(
  tab: "members" | "chat" | "activity" | "statistics",
  expect: (db: Database, ctx: Ctx, groupId: string) => Promise<string>,
): (bench: Bench) => Promise<Visit[]> {
  return async ({ db, bare }) => {
    if (tab === "chat") await chatInStatsGroup(bare);
    const visits: Visit[] = [];
    for (const groupId of tab === "activity" ? await groupsWithFeeds(bare) : TEN_THOUSAND) {
      const viewers = tab === "statistics" ? await admins(bare) : await membersOf(bare, groupId, VIEWERS_PER_GROUP);
      const jar = await cookies(bare, viewers);
      for (const viewer of viewers) {
        visits.push({
          label: `${groupId === BENCH_IDS.bigGroup ? "big group" : groupId}, ${viewer.email}`,
          path: `/groups/${groupId}/${tab}`,
          cookie: jar.get(viewer.id)!,
          expect: await expect(db, await ctxOf(db, viewer.id), groupId),
        });
      }
    }
    return visits;
  };
}

/** An admin page at pages 1–`pages` for every admin. */
function adminVisits(path: string, pages: number, expect: (db: Database, ctx: Ctx, page: number) => Promise<string>) {
  return async ({ db, bare }: Bench): Promise<Visit[]> => {
    const people = await admins(bare);
    const jar = await cookies(bare, people);
    const visits: Visit[] = [];
    for (const person of people) {
      for (let page = 1; page <= pages; page++) {
        visits.push({
          label: `${person.email}, page ${page}`,
          path: page === 1 ? path : `${path}?page=${page}`,
          cookie: jar.get(person.id)!,
          expect: await expect(db, await ctxOf(db, person.id), page),
        });
      }
    }
    return visits;
  };
}

const access = (db: Database, ctx: Ctx, groupId: string) => requireGroupAccess(db, ctx, groupId);

/** Learners each in 8 groups: 8 fresh private groups, the same 20 people added to each through the app's own operation. */
async function learnersInEightGroups(bench: Bench): Promise<Person[]> {
  const people = await learnersWithoutGroups(bench.bare, 20);
  for (let i = 1; i <= 8; i++) {
    const { rows } = await bench.bare.query<{ id: string }>(
      `insert into learning_groups (company_id, name, visibility, created_by, owner_id, course_id)
       values ($1, $2, 'private', $3, $3, $4) returning id`,
      [BENCH_IDS.company, `Bench cohort ${i} ${randomUUID().slice(0, 8)}`, BENCH_IDS.admin, BENCH_IDS.statsCourse],
    );
    await addMembers(bench.db, bench.ctx, {
      groupId: rows[0]!.id,
      selection: { mode: "people", userIds: people.map((person) => person.id) },
      operationId: randomUUID(),
    });
  }
  return people;
}

async function learnerVisits(bench: Bench, path: string, expect: (db: Database, ctx: Ctx) => Promise<string>): Promise<Visit[]> {
  const people = await learnersInEightGroups(bench);
  const jar = await cookies(bench.bare, people);
  return Promise.all(
    people.map(async (person) => ({
      label: person.email,
      path,
      cookie: jar.get(person.id)!,
      expect: await expect(bench.db, await ctxOf(bench.db, person.id)),
    })),
  );
}

/** Two mandatory courses assigned through the app (10,000 and 1,000 people), so the overview has figures to show. */
async function assignTwoCourses(bench: Bench): Promise<void> {
  for (const [key, departmentId] of [
    ["bench-page-10k", BENCH_IDS.department10k],
    ["bench-page-1k", BENCH_IDS.department1k],
  ] as const) {
    const { rows } = await bench.bare.query<{ id: string }>(
      "insert into courses (company_id, key, title) values ($1, $2, $3) returning id",
      [BENCH_IDS.company, key, `Bench mandatory ${key}`],
    );
    await assignCourse(bench.db, bench.ctx, {
      courseId: rows[0]!.id,
      selection: { mode: "department", departmentId },
      deadline: { kind: "relative", days: 30 },
      reminderDays: [-7, -1, 1],
      operationId: randomUUID(),
    });
  }
}

async function visit(baseUrl: string, { path, cookie, expect, label }: Visit): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} (${label}) answered ${response.status}.`);
  if (!text.includes(expect)) throw new Error(`${path} (${label}) does not show “${expect}”.`);
}

/** The HTTP floor: the same path asked with OPTIONS, which Next answers without running the page. */
async function httpFloor(baseUrl: string, path: string): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, { method: "OPTIONS" });
  await response.arrayBuffer();
}

/** Untimed set-up of one request (a sign-in's CSRF token), then the timed request itself. */
type Request = (app: RunningApp, visit: Visit) => Promise<() => Promise<void>>;

const getPage: Request = async (app, one) => () => visit(app.baseUrl, one);

type PageCase = {
  name: string;
  visits: (bench: Bench) => Promise<Visit[]>;
  /** A page's GET unless said otherwise. */
  request?: Request;
  p95: number;
};

/**
 * A page case: the server started against the case's copy through the delay proxy; ours is the
 * request, the floor the HTTP round trip alone. After the rounds, pairs of requests with and without
 * 1 ms per database message count the round trips on the critical path.
 */
function pageCase({ name, visits, request = getPage, p95 }: PageCase): BenchCase {
  return {
    name,
    target: `p95 ≤ ${p95} ms; with 1 ms per database round trip p95 ≤ ${DELAYED_P95_MS} ms; ≤ ${MAX_ROUND_TRIPS} sequential round trips`,
    plan: PAGE_PLAN,
    passes: ({ p95: ours }, details) =>
      ours <= p95 && Number(details.delayed_p95_ms) <= DELAYED_P95_MS && Number(details.round_trips) <= MAX_ROUND_TRIPS,
    async prepare(bench) {
      const list = await visits(bench);
      const proxy = await startDelayProxy(bench.url);
      let started: Awaited<ReturnType<typeof startBenchApp>>;
      try {
        started = await startBenchApp(proxy.url);
      } catch (error) {
        await proxy.close();
        throw error;
      }
      const { app } = started;
      const one: Side = async (iteration) => timed(await request(app, list[iteration % list.length]!));
      const bare: Side = (iteration) => timed(() => httpFloor(app.baseUrl, list[iteration % list.length]!.path));
      return {
        ours: one,
        bare,
        details: { ...started.details, variants: list.length, paths: [...new Set(list.map((v) => v.path.split("?")[0]))].slice(0, 3) },
        finish: async (): Promise<Details> => {
          const plain: number[] = [];
          const delayed: number[] = [];
          for (let i = 0; i < DELAYED_PAIRS; i++) {
            proxy.setDelay(0);
            plain.push(await one(i));
            proxy.setDelay(1);
            delayed.push(await one(i));
          }
          proxy.setDelay(0);
          const applied = proxy.appliedDelay();
          return {
            delayed_p50_ms: round(median(delayed)),
            delayed_p95_ms: round(percentile(delayed, 0.95)),
            applied_delay_ms: Math.round(applied * 1000) / 1000,
            round_trips: round((median(delayed) - median(plain)) / applied),
          };
        },
        close: async () => {
          await app.stop();
          await proxy.close();
        },
      };
    },
  };
}

export const pageGroupMembers = pageCase({
  name: "page.group-members",
  p95: PAGE_P95_MS,
  visits: groupTabVisits(
    "members",
    async (db, ctx, groupId) => first((await listMembers(db, ctx, await access(db, ctx, groupId), { page: 1 })).rows, "member").name,
  ),
});

export const pageGroupChat = pageCase({
  name: "page.group-chat",
  p95: PAGE_P95_MS,
  visits: groupTabVisits("chat", async (db, ctx, groupId) => {
    const { messages } = await listMessages(db, ctx, await access(db, ctx, groupId));
    return first(messages.slice(-1), "message").body;
  }),
});

export const pageGroupActivity = pageCase({
  name: "page.group-activity",
  p95: PAGE_P95_MS,
  visits: groupTabVisits(
    "activity",
    async (db, ctx, groupId) => first((await listFeed(db, ctx, await access(db, ctx, groupId))).entries, "event").userName,
  ),
});

export const pageGroupStatistics = pageCase({
  name: "page.group-statistics",
  p95: PAGE_P95_MS,
  visits: groupTabVisits(
    "statistics",
    async (db, ctx, groupId) => first((await getStatisticsTab(db, ctx, await access(db, ctx, groupId))).members.rows, "member").name,
  ),
});

export const pageMyGroups = pageCase({
  name: "page.my-groups",
  p95: PAGE_P95_MS,
  visits: (bench) => learnerVisits(bench, "/groups", async (db, ctx) => first((await listMyGroupsOverview(db, ctx)).active, "group").name),
});

export const pageHome = pageCase({
  name: "page.home",
  p95: PAGE_P95_MS,
  visits: (bench) => learnerVisits(bench, "/", async (db, ctx) => first(await listMyGroups(db, ctx), "group").name),
});

export const pageAdminGroups = pageCase({
  name: "page.admin-groups",
  p95: PAGE_P95_MS,
  visits: adminVisits(
    "/admin/groups",
    3,
    async (db, ctx, page) => first((await listGroups(db, ctx, { archived: false, page })).rows, "group").name,
  ),
});

export const pageAdminPeople = pageCase({
  name: "page.admin-people",
  p95: PAGE_P95_MS,
  visits: adminVisits("/admin/people", 3, async (db, ctx, page) => first((await listPeople(db, ctx, { page })).rows, "person").name),
});

export const pageAdminReports = pageCase({
  name: "page.admin-reports",
  p95: PAGE_P95_MS,
  visits: adminVisits(
    "/admin/reports",
    3,
    async (db, ctx, page) =>
      first((await listReports(db, ctx, { status: "all", sort: "name", direction: "asc", page })).rows, "group").name,
  ),
});

export const pageAdminAssignments = pageCase({
  name: "page.admin-assignments",
  p95: PAGE_P95_MS,
  visits: async (bench) => {
    await assignTwoCourses(bench);
    return adminVisits(
      "/admin/assignments",
      1,
      async (db, ctx) => first((await listAssignmentOverview(db, ctx, "course")).rows, "course").name,
    )(bench);
  },
});

/**
 * The POST that signs in (Auth.js credentials, as a browser without JavaScript sends it), rotating
 * learners; the CSRF token and its cookie are fetched before the clock. The answer must be the
 * redirect carrying a session cookie.
 */
export const pageSignIn = pageCase({
  name: "page.sign-in",
  p95: SIGN_IN_P95_MS,
  visits: async ({ bare }) => {
    const people = await membersOf(bare, BENCH_IDS.bigGroup, 40);
    return people.map((person) => ({ label: person.email, path: "/api/auth/callback/credentials", cookie: "", expect: person.email }));
  },
  request: async (app, { path, expect: email }) => {
    const csrf = await fetch(`${app.baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = cookiesOf(csrf).join("; ");
    return async () => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, callbackUrl: "/" }),
      });
      await response.arrayBuffer();
      if (!cookiesOf(response).some((pair) => pair.startsWith("authjs.session-token="))) {
        throw new Error(`Sign-in of ${email} answered ${response.status} without a session.`);
      }
    };
  },
});

export const PAGE_CASES = [
  pageGroupMembers,
  pageGroupChat,
  pageGroupActivity,
  pageGroupStatistics,
  pageMyGroups,
  pageHome,
  pageAdminGroups,
  pageAdminPeople,
  pageAdminReports,
  pageAdminAssignments,
  pageSignIn,
];
