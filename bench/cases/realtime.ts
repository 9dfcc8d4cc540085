import { randomUUID } from "node:crypto";
import { EPOCH_JITTER_MS } from "@/components/realtime/group-epochs";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { groupChannelAt } from "@/lib/realtime/channels";
import { publish } from "@/lib/realtime/server";
import type { BenchCase } from "../case";
import { BENCH_IDS } from "../data";
import { type Figures, percentile, type Plan } from "../measure";
import { clock, startClients } from "../server/clients";
import { mintSessions } from "../server/sessions";
import { createGroup, round, startBenchApp } from "./chat-support";

const MEMBERS = 10_000;
const ONLINE = 250;
const CLIENT_PROCESSES = 2;
/** A client not moved and resynced by then counts as lost. */
const ROTATION_TIMEOUT_MS = 10_000;

/**
 * One removal in a 10,000-member group while 250 members have it open (pusher-js clients following
 * the group's epoch as the app's pages do: `GroupEpochs`, the new epoch's channel authorized through
 * the app, then the chat's resync route). Each removal takes out a member who had the group open
 * elsewhere (a grant at the current epoch, planted), so it raises the epoch; it runs in-process and
 * its events are published to the bench's soketi. Timed from the removal's start to each client's
 * resync; figures are over every client of a round's removals. The floor is the wait designed in:
 * the uniform 0–2 s jitter's own quantiles.
 */
export const realtimeRotate10k: BenchCase = {
  name: "realtime.rotate-10k",
  target: "p95 ≤ 3 s for every online client to move to the new epoch and resync; none lost",
  plan: { warmup: 1, iterations: 4, rounds: 3 },
  passes: ({ p95 }, details) => p95 <= 3000 && details.lost === 0,
  async prepare({ db, bare: pool, ctx, url }) {
    const { groupId, members } = await createGroup(pool, MEMBERS);
    await pool.query("analyze group_members");
    const { app, details } = await startBenchApp(url);
    const stops: Array<() => Promise<void>> = [app.stop];
    const close = async () => {
      for (const stop of stops.reverse()) await stop();
    };
    try {
      const follow = { groupId };
      const started = clock();
      const fleet = await startClients(
        app,
        groupChannelAt(groupId, 0),
        await mintSessions(pool, members.slice(0, ONLINE)),
        CLIENT_PROCESSES,
        {
          follow,
        },
      );
      stops.push(fleet.stop);
      const setUpSeconds = round((clock() - started) / 1000);
      // The people removed, one a removal: members beyond the online ones, each given a grant first.
      const leavers = members.slice(ONLINE);
      let epoch = 0;
      let lost = 0;
      const spreads: number[] = [];
      const authorizations: number[] = [];

      const rotate = async (): Promise<number[]> => {
        const leaver = leavers.shift()!;
        await pool.query("insert into group_channel_grants (group_id, company_id, epoch, user_id) values ($1, $2, $3, $4)", [
          groupId,
          BENCH_IDS.company,
          epoch,
          leaver.id,
        ]);
        const removalStarted = clock();
        const outcome = await removeMembers(db, ctx, { groupId, userIds: [leaver.id], operationId: randomUUID() });
        await publish(outcome.events ?? [], db, app.publisher);
        epoch += 1;
        const { times, expected } = await fleet.arrivals(`epoch:${epoch}`, ROTATION_TIMEOUT_MS);
        lost += expected - times.length;
        spreads.push(Math.max(...times) - Math.min(...times));
        // The app records a grant for each authorization of the new epoch's channel.
        const { rows } = await pool.query<{ n: number }>(
          "select count(*)::int as n from group_channel_grants where group_id = $1 and epoch = $2",
          [groupId, epoch],
        );
        authorizations.push(rows[0]!.n);
        return times.map((time) => time - removalStarted);
      };

      const measure = async (plan: Plan) => {
        for (let i = 0; i < plan.warmup; i++) await rotate();
        lost = 0;
        spreads.length = 0;
        authorizations.length = 0;
        const rounds: Figures[] = [];
        for (let r = 0; r < plan.rounds; r++) {
          const times: number[] = [];
          for (let i = 0; i < plan.iterations; i++) times.push(...(await rotate()));
          rounds.push({
            p50: percentile(times, 0.5),
            p95: percentile(times, 0.95),
            bareP50: 0.5 * EPOCH_JITTER_MS,
            bareP95: 0.95 * EPOCH_JITTER_MS,
          });
        }
        Object.assign(details, {
          lost,
          rotations: plan.rounds * plan.iterations,
          authorizations_per_rotation: { min: Math.min(...authorizations), max: Math.max(...authorizations) },
          // From the first client's resync to the last's: the jitter spreading the authorizations.
          resync_spread_p50_ms: round(percentile(spreads, 0.5)),
        });
        return { rounds, perRound: plan.iterations };
      };
      Object.assign(details, { members: MEMBERS, online: ONLINE, client_processes: CLIENT_PROCESSES, set_up_seconds: setUpSeconds });
      const unused = () => Promise.reject(new Error("realtime.rotate-10k measures through `measure`"));
      return { details, ours: unused, bare: unused, measure, close };
    } catch (error) {
      await close();
      throw error;
    }
  },
};
