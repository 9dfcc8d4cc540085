import { randomUUID } from "node:crypto";
import type { ActionResult } from "@/lib/actions/safe-action";
import { type Ctx, loadViewer } from "@/lib/auth/viewer";
import type { ChatMessageDto, MessagesSince } from "@/lib/chat/queries";
import { messagesSince } from "@/lib/chat/queries";
import { postMessage } from "@/lib/chat/operations/post-message";
import { groupChannelAt } from "@/lib/realtime/channels";
import type { BenchCase } from "../case";
import { label, replay } from "../capture";
import { BENCH_IDS } from "../data";
import { type Figures, median, percentile, type Plan, timed } from "../measure";
import { clock, startClients } from "../server/clients";
import { actionId, callAction, resyncChat, signIn } from "../server/http";
import { mintSessions } from "../server/sessions";
import { requireGroupAccess } from "@/lib/group-access/access";
import { ACTIONS_FILE, ARRIVAL_TIMEOUT_MS, body, createGroup, round, SENDERS, senderTurns, startBenchApp, unwrap } from "./chat-support";

const HISTORY = 1_000;
const MISSED = 200;
/** Calls of each piece for chat.resync's breakdown, after the measurement. */
const BREAKDOWN_CALLS = 100;
const RESYNC_MEMBERS = 30;
/** In-process `postMessage` calls after the measurement, by members who did not send: the action's SQL alone. */
const SERVICE_CALLS = 100;

/**
 * The chat's resync route (`GET /api/groups/<id>/messages?after=<seq>`) through the standalone server, as a client that missed the last 200 changes
 * of a 30-member group's chat (1,000 messages, bodies of about 150 characters, set up on the case's
 * copy before the clock) calls it after a reconnect, against the floor: the data layer's own message
 * SELECT (recorded from `messagesSince`, replayed through raw `pg`) followed by one HTTP round trip to
 * the same route for a request that runs nothing of ours (an `OPTIONS`, which Next answers itself), the two summed.
 */
export const chatResync: BenchCase = {
  name: "chat.resync",
  target: "p95 ≤ 2 × bare (a bare SELECT of the 200 messages, then one HTTP round trip to a route that does nothing)",
  plan: { warmup: 20, iterations: 200, rounds: 3 },
  passes: ({ p95, bareP95 }, details) => p95 <= 2 * bareP95 && details.messages === MISSED,
  async prepare({ bare: pool, recorder, url }) {
    const { groupId, members } = await createGroup(pool, RESYNC_MEMBERS);
    const authors = members.map((m) => m.id);
    await pool.query(
      `insert into group_messages (company_id, group_id, author_id, kind, body, seq, operation_key, created_at)
       select $1, $2, ($3::uuid[])[1 + i % ${RESYNC_MEMBERS}], (case when i % 10 = 0 then 'question' else 'note' end)::message_kind,
              repeat('Message ' || i || ' with **some** words, ', 5), i, gen_random_uuid()::text,
              now() - make_interval(secs => ${HISTORY} - i)
       from generate_series(1, ${HISTORY}) i`,
      [BENCH_IDS.company, groupId, authors],
    );
    await pool.query("insert into group_chat_state (group_id, company_id, last_seq, last_message_at) values ($1, $2, $3, now())", [
      groupId,
      BENCH_IDS.company,
      HISTORY,
    ]);
    await pool.query("analyze group_messages, group_chat_state, group_members");
    const reader: Ctx = { userId: members[0]!.id, companyId: BENCH_IDS.company, roles: [] };
    const since = HISTORY - MISSED;
    const { statements } = await recorder.record(async (recording) =>
      messagesSince(recording, reader, await requireGroupAccess(recording, reader, groupId), since),
    );
    const select = statements.filter((statement) => statement.text.includes("from group_messages m"));
    if (select.length !== 1) throw new Error(`Expected one message statement, recorded ${statements.map(label).join(" | ")}`);

    const { app, details } = await startBenchApp(url);
    try {
      const cookie = await signIn(app.baseUrl, members[0]!.email);
      const resyncFrom = (seq: number) => resyncChat<MessagesSince>(app.baseUrl, cookie, groupId, seq);
      const call = () => resyncFrom(since);
      const first = await call();
      // The floor's HTTP part: the same route asked for its methods, which Next answers without
      // running anything of ours (past the proxy every request meets), so what is left is the cost of
      // one request to a route of this server.
      const route = `${app.baseUrl}/api/groups/${groupId}/messages`;
      const nothing = async () => {
        const response = await fetch(route, { method: "OPTIONS" });
        if (response.status !== 204) throw new Error(`OPTIONS ${route} answered ${response.status}`);
        await response.arrayBuffer();
      };
      // Where the time goes: the same resync with nothing missed (its fixed cost), and the pieces of the floor.
      const breakdown = async () => {
        const times = { empty_resync: [] as number[], select: [] as number[], nothing: [] as number[] };
        for (let i = 0; i < BREAKDOWN_CALLS; i++) {
          times.empty_resync.push(await timed(() => resyncFrom(HISTORY)));
          times.select.push(await timed(() => replay(pool, select)));
          times.nothing.push(await timed(nothing));
        }
        return Object.fromEntries(Object.entries(times).map(([name, ms]) => [`${name}_p50_ms`, round(percentile(ms, 0.5))]));
      };
      return {
        details: { ...details, messages: first.messages.length, has_more: first.hasMore, statements: statements.map(label) },
        ours: () => timed(call),
        bare: () =>
          timed(async () => {
            await replay(pool, select);
            await nothing();
          }),
        finish: breakdown,
        close: app.stop,
      };
    } catch (error) {
      await app.stop();
      throw error;
    }
  },
};

type Latencies = { ours: number[]; bare: number[] };

/** A fan-out case's shape: the group, the clients listening (the group's first members), and the verdict. */
type Fanout = Pick<BenchCase, "name" | "target" | "passes"> & {
  members: number;
  clients: number;
  processes: number;
  /** Each client also on its own `private-user-*` channel, as every page of the app is. */
  ownChannel: boolean;
};

/**
 * From the browser's POST of `postMessageAction` (signed-in session cookie, `Next-Action` header)
 * to arrival at each pusher-js client of the group's channel, against a bare soketi `trigger` of a
 * same-sized payload to the same clients, interleaved. Each figure is over every (client, message)
 * arrival of a round; rounds combine as elsewhere (median of the rounds).
 */
const fanoutCase = (shape: Fanout): BenchCase => ({
  name: shape.name,
  target: shape.target,
  plan: { warmup: 10, iterations: 70, rounds: 3 },
  passes: shape.passes,
  async prepare({ db, bare: pool, recorder, url }) {
    const { groupId, members } = await createGroup(pool, shape.members);
    await pool.query("analyze group_members");
    if (members.length !== shape.members) throw new Error(`Only ${members.length} people for the group.`);
    const listeners = members.slice(0, shape.clients);
    // A group just made, so at its first epoch.
    const channel = groupChannelAt(groupId, 0);
    const page = `/groups/${groupId}`;

    const { app, details } = await startBenchApp(url);
    const stops: Array<() => Promise<void>> = [app.stop];
    const close = async () => {
      for (const stop of stops.reverse()) await stop();
    };
    try {
      const signInStarted = performance.now();
      const nextSender = senderTurns(await Promise.all(members.slice(0, SENDERS).map((member) => signIn(app.baseUrl, member.email))));
      const fleet = await startClients(app, channel, await mintSessions(pool, listeners), shape.processes, {
        ownChannel: shape.ownChannel,
      });
      stops.push(fleet.stop);
      const setUpSeconds = round((performance.now() - signInStarted) / 1000);
      const post = actionId(ACTIONS_FILE, "postMessageAction");
      let payload: ChatMessageDto | null = null;
      const lost = { ours: 0, bare: 0 };
      const responseMs: number[] = [];

      const latencies = async (side: keyof typeof lost, key: string, sent: number): Promise<number[]> => {
        const { times, expected } = await fleet.arrivals(key, ARRIVAL_TIMEOUT_MS);
        lost[side] += expected - times.length;
        return times.map((time) => time - sent);
      };
      const ours = async (n: number) => {
        const key = randomUUID();
        const cookie = await nextSender();
        const sent = clock();
        const message = unwrap(
          await callAction<ActionResult<ChatMessageDto>>(app.baseUrl, page, cookie, post, [
            { groupId, operationId: key, kind: "note", body: body(n) },
          ]),
          "postMessage",
        );
        responseMs.push(clock() - sent);
        payload ??= message;
        return latencies("ours", key, sent);
      };
      const bare = async () => {
        const key = randomUUID();
        const sent = clock();
        await app.publisher.trigger(channel, "bench.bare", { ...payload!, operationKey: key });
        return latencies("bare", key, sent);
      };

      const measure = async (plan: Plan) => {
        let n = 0;
        for (let i = 0; i < plan.warmup; i++, n++) {
          await ours(n);
          await bare();
        }
        Object.assign(lost, { ours: 0, bare: 0 });
        responseMs.length = 0;
        const rounds: Array<Figures & { p99: number; bareP99: number }> = [];
        const all: Latencies = { ours: [], bare: [] };
        for (let r = 0; r < plan.rounds; r++) {
          const batch: Latencies = { ours: [], bare: [] };
          for (let i = 0; i < plan.iterations; i++, n++) {
            batch.ours.push(...(await ours(n)));
            batch.bare.push(...(await bare()));
          }
          all.ours.push(...batch.ours);
          all.bare.push(...batch.bare);
          rounds.push({
            p50: percentile(batch.ours, 0.5),
            p95: percentile(batch.ours, 0.95),
            bareP50: percentile(batch.bare, 0.5),
            bareP95: percentile(batch.bare, 0.95),
            p99: percentile(batch.ours, 0.99),
            bareP99: percentile(batch.bare, 0.99),
          });
        }
        const messages = plan.iterations * plan.rounds;
        Object.assign(details, {
          p99_ms: round(median(rounds.map((r) => r.p99))),
          bare_p99_ms: round(median(rounds.map((r) => r.bareP99))),
          max_ms: round(percentile(all.ours, 1)),
          bare_max_ms: round(percentile(all.bare, 1)),
          action_response_p50_ms: round(percentile(responseMs, 0.5)),
          action_response_p95_ms: round(percentile(responseMs, 0.95)),
          messages_per_side: messages,
          arrivals_expected_per_side: messages * shape.clients,
          arrivals: { ours: all.ours.length, bare: all.bare.length },
          lost: lost.ours + lost.bare,
          lost_by_side: lost,
        });
        return { rounds, perRound: plan.iterations };
      };

      Object.assign(details, {
        members: shape.members,
        clients: shape.clients,
        client_processes: shape.processes,
        own_channels: shape.ownChannel,
        senders: SENDERS,
        sign_in_and_subscribe_seconds: setUpSeconds,
      });
      // Where the time goes: the same post in-process (one transaction, events returned, not
      // published), its statements recorded with their durations.
      const service = async () => {
        const ms: number[] = [];
        const byStatement = new Map<string, number[]>();
        for (const [i, member] of members.slice(SENDERS, SENDERS + SERVICE_CALLS).entries()) {
          const viewer = await loadViewer(db, member.id);
          if (!viewer) throw new Error(`${member.email} cannot be loaded`);
          const ctx: Ctx = { userId: viewer.userId, companyId: viewer.companyId, roles: viewer.roles };
          const input = { groupId, operationId: randomUUID(), kind: "note" as const, body: body(i) };
          const started = performance.now();
          const { statements } = await recorder.record((recording) => postMessage(recording, ctx, input));
          ms.push(performance.now() - started);
          statements.forEach((statement, index) => {
            const name = `${index + 1}. ${label(statement)}`;
            byStatement.set(name, [...(byStatement.get(name) ?? []), statement.ms ?? Number.NaN]);
          });
        }
        return {
          service_post_p50_ms: round(percentile(ms, 0.5)),
          service_post_p95_ms: round(percentile(ms, 0.95)),
          service_statement_p50_ms: Object.fromEntries([...byStatement].map(([name, times]) => [name, round(median(times))])),
        };
      };
      const unused = () => Promise.reject(new Error(`${shape.name} measures through \`measure\``));
      return { details, ours: unused, bare: unused, measure, finish: async () => ({ ...details, ...(await service()) }), close };
    } catch (error) {
      await close();
      throw error;
    }
  },
});

export const chatFanout = fanoutCase({
  name: "chat.fanout",
  target: "p95 ≤ 100 ms and ≤ 2 × bare p95 + 30 ms (bare: soketi trigger of the same payload); none lost",
  passes: ({ p95, bareP95 }, details) =>
    p95 <= 100 && p95 <= 2 * bareP95 + 30 && details.lost === 0 && Number(details.messages_per_side) >= 200,
  members: 250,
  clients: 250,
  processes: 2,
  ownChannel: false,
});

/** A thousand members of a 10,000-member group online, each page also on its own channel. */
export const chatFanout1000 = fanoutCase({
  name: "chat.fanout-1000",
  target: "p95 ≤ 150 ms end to end over 1,000 clients of a 10,000-member group, each also on its own user channel; none lost",
  passes: ({ p95 }, details) => p95 <= 150 && details.lost === 0 && Number(details.messages_per_side) >= 200,
  members: 10_000,
  clients: 1_000,
  processes: 4,
  ownChannel: true,
});
