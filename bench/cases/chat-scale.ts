import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { Ctx } from "@/lib/auth/viewer";
import { postMessage } from "@/lib/chat/operations/post-message";
import type { ChatMessageDto } from "@/lib/chat/queries";
import { groupChannelAt } from "@/lib/realtime/channels";
import type { BenchCase, Details } from "../case";
import { label, type Recorder, roundTrips } from "../capture";
import { BENCH_IDS } from "../data";
import { type Figures, percentile, type Plan } from "../measure";
import type { RunningApp } from "../server/app";
import { clock, type ClientFleet, startClients } from "../server/clients";
import { actionId, callAction, signIn } from "../server/http";
import { mintSessions } from "../server/sessions";
import { ACTIONS_FILE, ARRIVAL_TIMEOUT_MS, body, createGroup, round, SENDERS, senderTurns, startBenchApp, unwrap } from "./chat-support";
import { addDepartment, dropGroup, newGroup } from "./department-add";

/** Every active person of the bench company who is not an admin: about 99,000. */
const HUGE = 100_000;
const SMALL = 30;
/** Members of each group whose bell (subscribed to the group's channel, as the app's is) waits for the post. */
const LISTENERS = 20;
/** Posts per group over which realtime calls are counted. */
const COUNTED_POSTS = 10;

/** A group with listeners and senders; the 30-member group has 29 senders (its last member records the statements). */
type Room = { groupId: string; page: string; nextSender: () => Promise<string>; fleet: ClientFleet };

/** A group's listeners connected and its senders signed in, through the app's own routes. */
async function openRoom(app: RunningApp, pool: pg.Pool, group: Awaited<ReturnType<typeof createGroup>>): Promise<Room> {
  const listeners = await mintSessions(pool, group.members.slice(0, LISTENERS));
  const fleet = await startClients(app, groupChannelAt(group.groupId, 0), listeners, 1, { ownChannel: true });
  const senders = group.members.slice(0, Math.min(SENDERS, group.members.length - 1));
  const nextSender = senderTurns(await Promise.all(senders.map((member) => signIn(app.baseUrl, member.email))));
  return { groupId: group.groupId, page: `/groups/${group.groupId}`, nextSender, fleet };
}

/**
 * A post through `postMessageAction`, timed from the POST until the last listener's bell has it;
 * a listener it never reaches within the timeout is counted in `lost`.
 */
function poster(app: RunningApp, lost: { count: number }) {
  const post = actionId(ACTIONS_FILE, "postMessageAction");
  return async (room: Room, n: number): Promise<number> => {
    const key = randomUUID();
    const cookie = await room.nextSender();
    const sent = clock();
    unwrap(
      await callAction<ActionResult<ChatMessageDto>>(app.baseUrl, room.page, cookie, post, [
        { groupId: room.groupId, operationId: key, kind: "note", body: body(n) },
      ]),
      "postMessage",
    );
    const { times, expected } = await room.fleet.arrivals(key, ARRIVAL_TIMEOUT_MS);
    lost.count += expected - times.length;
    return times.length === expected ? Math.max(...times) - sent : ARRIVAL_TIMEOUT_MS;
  };
}

/** The statements of one post, recorded in-process by the group's last member, never a sender (their rate limit stays untouched). */
async function statementsPerPost(recorder: Recorder, group: Awaited<ReturnType<typeof createGroup>>) {
  const ctx: Ctx = { userId: group.members.at(-1)!.id, companyId: BENCH_IDS.company, roles: [] };
  const input = { groupId: group.groupId, operationId: randomUUID(), kind: "note" as const, body: body(0) };
  const { statements } = await recorder.record((db) => postMessage(db, ctx, input));
  return { labels: statements.map(label), roundTrips: roundTrips(statements) };
}

/**
 * `postMessageAction` through the standalone server in a group of about 99,000 members, timed until
 * the last of 20 members' bells (pusher-js clients of the group's channel, signed in as the app's
 * are) shows it; interleaved with the same post in a 30-member group. The statements of a post
 * (recorded in-process) and the realtime calls per post (soketi's own count over 10 posts) are
 * compared between the two groups: a post's cost must not depend on the group's size.
 */
export const chatPost100k: BenchCase = {
  name: "chat.post-100k",
  target:
    "p95 ≤ 60 ms and ≤ 1.5 × bare (bare: the same post in a 30-member group); statements and realtime calls per post equal; none lost",
  plan: { warmup: 10, iterations: 100, rounds: 3 },
  passes: ({ p95, bareP95 }, details) => p95 <= 60 && p95 <= 1.5 * bareP95 && details.lost === 0 && details.same_cost === true,
  async prepare({ bare: pool, recorder, url }) {
    const huge = await createGroup(pool, HUGE);
    // Not the huge group's senders: each person's rate limit serves one group.
    const small = await createGroup(pool, SMALL, { skip: SENDERS });
    await pool.query("analyze group_members");
    const statements = { huge: await statementsPerPost(recorder, huge), small: await statementsPerPost(recorder, small) };

    const { app, details } = await startBenchApp(url);
    const stops: Array<() => Promise<void>> = [app.stop];
    const close = async () => {
      for (const stop of stops.reverse()) await stop();
    };
    try {
      const rooms = { huge: await openRoom(app, pool, huge), small: await openRoom(app, pool, small) };
      stops.push(rooms.huge.fleet.stop, rooms.small.fleet.stop);
      const lost = { count: 0 };
      const post = poster(app, lost);
      let n = 0;
      const callsPerPost = async (room: Room) => {
        const before = await app.realtimeCalls();
        for (let i = 0; i < COUNTED_POSTS; i++) await post(room, n++);
        return (await app.realtimeCalls()) - before;
      };
      const calls = { huge: (await callsPerPost(rooms.huge)) / COUNTED_POSTS, small: (await callsPerPost(rooms.small)) / COUNTED_POSTS };
      lost.count = 0;
      const sameStatements = JSON.stringify(statements.huge.labels) === JSON.stringify(statements.small.labels);
      const figures: Details = {
        ...details,
        members: { huge: huge.members.length, small: small.members.length },
        listeners_per_group: LISTENERS,
        statements_per_post: { huge: statements.huge.labels.length, small: statements.small.labels.length },
        round_trips_per_post: statements.huge.roundTrips,
        realtime_calls_per_post: calls,
        same_cost: sameStatements && calls.huge === calls.small,
        statements: statements.huge.labels,
      };
      return {
        details: figures,
        ours: () => post(rooms.huge, n++),
        bare: () => post(rooms.small, n++),
        finish: async () => ({ lost: lost.count }),
        close,
      };
    } catch (error) {
      await close();
      throw error;
    }
  },
};

/** A group with just these members (the senders), for an add to fill. */
async function groupOf(pool: pg.Pool, memberIds: readonly string[]): Promise<string> {
  const groupId = await newGroup(pool);
  await pool.query(
    `insert into group_members (group_id, user_id, company_id, added_by, source)
     select $1, id, $2, $3, 'individual' from unnest($4::uuid[]) id`,
    [groupId, BENCH_IDS.company, BENCH_IDS.admin, memberIds],
  );
  return groupId;
}

/**
 * Posts through the standalone server (the POST until the action's answer: what the author waits
 * for) while an admin adds the 10,000 people of a department to the same group (in-process, the
 * add operation itself), against posts in the same group with no add running. Each cycle takes a
 * fresh group of the 40 senders: a few posts with nothing running, then the add, posting until it
 * has committed; only posts that began and ended while the add ran count on our side.
 */
export const chatPostDuringAdd: BenchCase = {
  name: "chat.post-during-add",
  target: "p95 ≤ 200 ms for a post while a 10,000-person add runs in the same group (bare: posts in the same group with no add running)",
  plan: { warmup: 1, iterations: 60, rounds: 3 },
  passes: ({ p95 }) => p95 <= 200,
  async prepare({ db, bare: pool, ctx, url }) {
    // Senders from outside the department the add brings in.
    const { rows: people } = await pool.query<{ id: string; email: string }>(
      `select id, email from users where company_id = $1 and deactivated_at is null and not ('admin' = any(roles))
         and department_id is distinct from $2 order by id limit ${SENDERS}`,
      [BENCH_IDS.company, BENCH_IDS.department10k],
    );
    const { app, details } = await startBenchApp(url);
    try {
      const nextSender = senderTurns(await Promise.all(people.map((person) => signIn(app.baseUrl, person.email))));
      const post = actionId(ACTIONS_FILE, "postMessageAction");
      let n = 0;
      const postIn = async (groupId: string) => {
        const cookie = await nextSender();
        const started = clock();
        unwrap(
          await callAction<ActionResult<ChatMessageDto>>(app.baseUrl, `/groups/${groupId}`, cookie, post, [
            { groupId, operationId: randomUUID(), kind: "note", body: body(n++) },
          ]),
          "postMessage",
        );
        return clock() - started;
      };
      const addMs: number[] = [];
      const postsPerAdd: number[] = [];

      /** One cycle: `quiet` posts with nothing running, then posts while one add runs. */
      const cycle = async (quiet: number) => {
        const groupId = await groupOf(
          pool,
          people.map((person) => person.id),
        );
        const alone: number[] = [];
        for (let i = 0; i < quiet; i++) alone.push(await postIn(groupId));
        const during: number[] = [];
        let running = true;
        const addStarted = clock();
        const add = addDepartment(db, ctx, groupId, BENCH_IDS.department10k).finally(() => {
          running = false;
          addMs.push(clock() - addStarted);
        });
        while (running) {
          const ms = await postIn(groupId);
          if (running) during.push(ms);
        }
        const added = await add;
        if (added.result.added !== 10_000) throw new Error(`The add added ${added.result.added}, not 10,000.`);
        postsPerAdd.push(during.length);
        await dropGroup(pool, groupId);
        return { alone, during };
      };

      const measure = async (plan: Plan) => {
        for (let i = 0; i < plan.warmup; i++) await cycle(3);
        const rounds: Figures[] = [];
        for (let r = 0; r < plan.rounds; r++) {
          const mine: number[] = [];
          const floor: number[] = [];
          while (mine.length < plan.iterations || floor.length < plan.iterations) {
            const { alone, during } = await cycle(floor.length < plan.iterations ? 10 : 0);
            mine.push(...during);
            floor.push(...alone);
          }
          rounds.push({
            p50: percentile(mine, 0.5),
            p95: percentile(mine, 0.95),
            bareP50: percentile(floor, 0.5),
            bareP95: percentile(floor, 0.95),
          });
        }
        Object.assign(details, {
          adds: addMs.length,
          add_p50_ms: round(percentile(addMs, 0.5)),
          posts_per_add_p50: percentile(postsPerAdd, 0.5),
        });
        return { rounds, perRound: plan.iterations };
      };
      const unused = () => Promise.reject(new Error("chat.post-during-add measures through `measure`"));
      Object.assign(details, { senders: SENDERS });
      return { details, ours: unused, bare: unused, measure, close: app.stop };
    } catch (error) {
      await app.stop();
      throw error;
    }
  },
};
