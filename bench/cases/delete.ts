import { randomUUID } from "node:crypto";
import type pg from "pg";
import { deleteGroup } from "@/lib/groups/operations/delete-group";
import type { BenchCase } from "../case";
import { BENCH_IDS } from "../data";
import { timed } from "../measure";
import { createGroup } from "./chat-support";

/** Every active non-admin person of Bench Corp (about 99,000): the largest group the company can have. */
const EVERYONE = 100_000;
const MESSAGES = 1_000;

type Filled = { groupId: string; name: string; members: number };

/**
 * A group of everyone with what a life of it leaves: each member's ledger row and "added" notice (an
 * announced membership), an
 * assignment of one course per member made through the group (which the delete keeps, unlinked), and
 * 1,000 chat messages. Made in SQL, untimed.
 */
async function filledGroup(pool: pg.Pool, courseId: string): Promise<Filled> {
  const { groupId, members } = await createGroup(pool, EVERYONE);
  const { rows } = await pool.query<{ name: string }>("select name from learning_groups where id = $1", [groupId]);
  await pool.query(
    `insert into membership_events (company_id, group_id, user_id, kind, actor_id, source)
       select company_id, group_id, user_id, 'added', added_by, source from group_members where group_id = $1`,
    [groupId],
  );
  await pool.query("update group_members set announced = true where group_id = $1", [groupId]);
  await pool.query(
    `insert into assignments (company_id, user_id, course_id, source, group_id, due_on, due_at, reminder_days)
       select company_id, user_id, $2, 'bulk', group_id, current_date + 30, now() + interval '30 days', '{7,1}'
       from group_members where group_id = $1`,
    [groupId, courseId],
  );
  await pool.query(
    `insert into group_messages (company_id, group_id, author_id, kind, body, seq, operation_key)
       select $1, $2, $3, 'note', 'Welcome, everyone ' || i, i, gen_random_uuid()::text from generate_series(1, ${MESSAGES}) i`,
    [BENCH_IDS.company, groupId, members[0]!.id],
  );
  await pool.query("insert into group_chat_state (group_id, company_id, last_seq, last_message_at) values ($1, $2, $3, now())", [
    groupId,
    BENCH_IDS.company,
    MESSAGES,
  ]);
  await pool.query("analyze group_members, membership_events, notifications, assignments, group_messages");
  return { groupId, name: rows[0]!.name, members: members.length };
}

/** What a delete leaves of the group: nothing of its own, every assignment kept without it. */
async function leftOf(pool: pg.Pool, { groupId }: Filled) {
  const { rows } = await pool.query<{ rows: number }>(
    `select (select count(*) from group_members where group_id = $1) + (select count(*) from membership_events where group_id = $1)
          + (select count(*) from notifications where group_id = $1) + (select count(*) from group_messages where group_id = $1)
          + (select count(*) from assignments where group_id = $1) + (select count(*) from learning_groups where id = $1) as rows`,
    [groupId],
  );
  return Number(rows[0]!.rows);
}

/** Untimed: the assignments the delete kept go too, and the tables are vacuumed for the next group. */
async function cleanUp(pool: pg.Pool, courseId: string) {
  await pool.query("delete from assignments where course_id = $1", [courseId]);
  await pool.query("vacuum group_members, membership_events, notifications, assignments, group_messages, learning_groups");
}

/**
 * An admin deletes a group of about 99,000 members (the operation in-process: the name confirmed,
 * the counts for the audit row, the delete that cascades to members, ledger, notifications, chat and
 * feed, and unlinks the group's assignments, which the learners keep) against the floor of a
 * hand-written delete: the one `delete from learning_groups` whose cascade does the same, through raw
 * `pg`. Each call gets a freshly filled group, untimed. The point of the target: deleting the
 * largest group is one short transaction, nothing held for minutes.
 */
export const groupsDelete100k: BenchCase = {
  name: "groups.delete-100k",
  target: "p95 ≤ 3 s for the delete's one transaction (nothing held for minutes), ≤ 1.5 × the bare cascade",
  plan: { warmup: 1, iterations: 2, rounds: 3 },
  passes: ({ p95, bareP95 }, details) => p95 <= 3000 && p95 <= 1.5 * bareP95 && details.left_nothing === true,
  async prepare({ db, bare: pool, ctx }) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into courses (company_id, title, key) values ($1, 'Bench delete course', 'bench-delete-' || gen_random_uuid()) returning id`,
      [BENCH_IDS.company],
    );
    const courseId = rows[0]!.id;
    let leftNothing = true;
    let members = 0;
    const call = async (remove: (group: Filled) => Promise<unknown>) => {
      const group = await filledGroup(pool, courseId);
      members = group.members;
      const ms = await timed(() => remove(group));
      leftNothing &&= (await leftOf(pool, group)) === 0;
      await cleanUp(pool, courseId);
      return ms;
    };
    return {
      ours: () => call(({ groupId, name }) => deleteGroup(db, ctx, { groupId, confirmName: name, operationId: randomUUID() })),
      bare: () => call(({ groupId }) => pool.query("delete from learning_groups where id = $1", [groupId])),
      finish: async () => ({ members, messages: MESSAGES, left_nothing: leftNothing }),
    };
  },
};
