import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Database } from "@/db/client";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import { handleApiRequest } from "@/lib/hr/api/handler";
import { serviceOperationId } from "@/lib/hr/api/idempotency";
import type { Bench, BenchCase } from "../case";
import { replay, retarget } from "../capture";
import { BENCH_IDS } from "../data";
import { timed } from "../measure";

const PEOPLE = 1_000;

/** An empty private group owned by the bench admin: each request starts from the same state. */
async function newGroup(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into learning_groups (company_id, name, visibility, created_by, owner_id)
     values ($1, $2, 'private', $3, $3) returning id`,
    [BENCH_IDS.company, `Bench API add ${randomUUID()}`, BENCH_IDS.admin],
  );
  return rows[0]!.id;
}

/** Untimed clean-up, so dead rows are not vacuumed in the middle of a later, timed request. */
async function dropGroup(pool: pg.Pool, groupId: string): Promise<void> {
  await pool.query("delete from learning_groups where id = $1", [groupId]);
  await pool.query("vacuum group_members, membership_events, notifications, learning_groups, operations");
}

/**
 * `hr.api-bulk-members`: POST /api/v1/groups/{id}/members with 1,000 ids, through the route handler
 * itself (in process, as Next calls it: a Request in, a Response out) — key lookup, rate limit,
 * Idempotency-Key, validation, the membership service and the stored response. No HTTP server: its
 * cost does not depend on our code, and chat.fanout already measures a server end to end.
 */
export const hrApiBulkMembers: BenchCase = {
  name: "hr.api-bulk-members",
  target: "p95 ≤ 300 ms for 1,000 ids",
  plan: { warmup: 10, iterations: 100, rounds: 3 },
  passes: ({ p95 }) => p95 <= 300,
  async prepare({ db, bare: pool, recorder, ctx }: Bench) {
    const key = (await createApiKey(db, ctx, { name: "bench", scope: "write", operationId: randomUUID() })).result;
    const { rows: people } = await pool.query<{ id: string }>(
      "select id from users where company_id = $1 and deactivated_at is null order by id limit $2",
      [BENCH_IDS.company, PEOPLE],
    );
    const body = JSON.stringify({ userIds: people.map((person) => person.id) });
    // The harness's own limit would stop a run of hundreds of requests a minute; production keeps its default.
    const rateLimit = { limit: 1_000_000, windowSeconds: 60 };
    const post = (database: Database, groupId: string, idempotencyKey: string) =>
      handleApiRequest(
        new Request(`http://bench.test/api/v1/groups/${groupId}/members`, {
          method: "POST",
          headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json", "idempotency-key": idempotencyKey },
          body,
        }),
        { db: database, rateLimit, schedule: () => undefined },
      );
    const check = async (response: Response) => {
      const result = (await response.json()) as { added?: number };
      if (response.status !== 200 || result.added !== PEOPLE) throw new Error(`The API did not add ${PEOPLE}: ${JSON.stringify(result)}`);
    };

    const recordedGroup = await newGroup(pool);
    const recordedKey = randomUUID();
    const { result: recordedResponse, statements } = await recorder.record((database) => post(database, recordedGroup, recordedKey));
    await check(recordedResponse);
    const { rows } = await pool.query<{ batch_id: string }>("select batch_id from audit_log where target_id = $1", [recordedGroup]);
    const recordedBatch = rows[0]!.batch_id;
    await dropGroup(pool, recordedGroup);

    return {
      details: { people: PEOPLE, statements_per_call: statements.length },
      async ours(iteration) {
        const groupId = await newGroup(pool);
        let response: Response | undefined;
        const ms = await timed(async () => {
          response = await post(db, groupId, randomUUID());
        });
        if (iteration === 0) await check(response!);
        await dropGroup(pool, groupId);
        return ms;
      },
      async bare() {
        const groupId = await newGroup(pool);
        const idempotencyKey = randomUUID();
        const aimed = retarget(
          statements,
          new Map([
            [recordedGroup, groupId],
            [serviceOperationId(key.keyId, recordedKey), serviceOperationId(key.keyId, idempotencyKey)],
            [`api:${key.keyId}:${recordedKey}`, `api:${key.keyId}:${idempotencyKey}`],
            [recordedBatch, randomUUID()],
          ]),
        );
        const ms = await timed(() => replay(pool, aimed));
        await dropGroup(pool, groupId);
        return ms;
      },
    };
  },
};
