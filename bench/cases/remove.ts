import { randomUUID } from "node:crypto";
import type pg from "pg";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { publish } from "@/lib/realtime/server";
import type { Bench, BenchCase } from "../case";
import { label, replay, retarget } from "../capture";
import { BENCH_IDS } from "../data";
import { median, timed } from "../measure";
import { startRealtime } from "../server/app";
import { addDepartment, dropGroup, newGroup } from "./department-add";

const PEOPLE = 10_000;
/** Of the removed, how many had the group open (a grant at the current epoch): their removal raises it. */
const ONLINE = 250;

/** A group holding the department's 10,000, 250 of them let onto its channels; returns their ids. */
async function fullGroup(bench: Bench): Promise<{ groupId: string; userIds: string[] }> {
  const groupId = await newGroup(bench.bare);
  await addDepartment(bench.db, bench.ctx, groupId, BENCH_IDS.department10k);
  const { rows } = await bench.bare.query<{ user_id: string }>("select user_id from group_members where group_id = $1 order by user_id", [
    groupId,
  ]);
  await bench.bare.query(
    `with epoch as (insert into group_channel_epochs (group_id, company_id, epoch) values ($1, $2, 0)
                    on conflict (group_id) do nothing)
     insert into group_channel_grants (group_id, company_id, epoch, user_id)
     select $1, $2, 0, user_id from group_members where group_id = $1 order by user_id limit ${ONLINE}`,
    [groupId, BENCH_IDS.company],
  );
  return { groupId, userIds: rows.map((row) => row.user_id) };
}

async function left(pool: pg.Pool, groupId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>("select count(*)::int as n from group_members where group_id = $1", [groupId]);
  return rows[0]!.n;
}

/**
 * An admin removes the 10,000 members a department add brought (the most one operation takes): the
 * removal operation in-process (ledger, notices, assignments, the epoch raised for the 250 who had the
 * group open) and the publishing of what it committed to soketi (the notices to the occupied user
 * channels, the epoch's and the group's events). The floor replays the removal's recorded SQL on a
 * group made the same way. Each iteration fills a fresh group first, untimed.
 */
export const groupsRemove10k: BenchCase = {
  name: "groups.remove-10k",
  target: "p95 ≤ 1 s (the removal, the epoch raised and its publishing)",
  plan: { warmup: 2, iterations: 10, rounds: 3 },
  passes: ({ p95 }, details) => p95 <= 1000 && details.removed_all === true,
  async prepare(bench: Bench) {
    const { bare: pool, recorder, ctx } = bench;
    const realtime = await startRealtime();
    try {
      const recordedGroup = await fullGroup(bench);
      const recordedOperation = randomUUID();
      const { result: recorded, statements } = await recorder.record((db) =>
        removeMembers(db, ctx, { groupId: recordedGroup.groupId, userIds: recordedGroup.userIds, operationId: recordedOperation }),
      );
      if (recorded.result.removed !== PEOPLE) throw new Error(`The removal removed ${recorded.result.removed}.`);
      const { rows } = await pool.query<{ batch_id: string }>(
        "select batch_id from audit_log where target_id = $1 and action = 'group.members_removed'",
        [recordedGroup.groupId],
      );
      const recordedBatch = rows[0]!.batch_id;
      await dropGroup(pool, recordedGroup.groupId);
      let removedAll = true;
      const publishMs: number[] = [];
      const timings: number[][] = [];
      return {
        details: { people: PEOPLE, online: ONLINE, statements: statements.map(label) },
        async ours() {
          const { groupId, userIds } = await fullGroup(bench);
          const ms = await timed(async () => {
            const outcome = await removeMembers(bench.db, ctx, { groupId, userIds, operationId: randomUUID() });
            const started = performance.now();
            await publish(outcome.events ?? [], bench.db, realtime.publisher);
            publishMs.push(performance.now() - started);
          });
          removedAll &&= (await left(pool, groupId)) === 0;
          await dropGroup(pool, groupId);
          return ms;
        },
        async bare() {
          const { groupId } = await fullGroup(bench);
          const aimed = retarget(
            statements,
            new Map([
              [recordedGroup.groupId, groupId],
              [recordedOperation, randomUUID()],
              [recordedBatch, randomUUID()],
            ]),
          );
          const ms = await timed(() => replay(pool, aimed, timings));
          await dropGroup(pool, groupId);
          return ms;
        },
        finish: async () => ({
          removed_all: removedAll,
          publish_p50_ms: Math.round(median(publishMs) * 10) / 10,
          floor_by_statement: statements.map((statement, index) => ({
            statement: label(statement),
            median_ms: Math.round(median(timings[index] ?? []) * 10) / 10,
          })),
        }),
        close: realtime.stop,
      };
    } catch (error) {
      await realtime.stop();
      throw error;
    }
  },
};
