import type pg from "pg";
import type { Ctx } from "@/lib/auth/viewer";
import { messagesSince } from "@/lib/chat/queries";
import type { BenchCase } from "../case";
import { label, replay } from "../capture";
import { BENCH_IDS } from "../data";
import { timed } from "../measure";

const HISTORY = 1_000;
const MISSED = 200;
const MEMBERS = 30;

/**
 * On the case's copy, before the clock: a 30-member group whose chat has 1,000 messages (seq 1 to
 * 1,000, some questions, bodies of about 150 characters), and one of its members as the reader.
 */
async function setUp(pool: pg.Pool): Promise<{ groupId: string; reader: Ctx }> {
  const company = BENCH_IDS.company;
  const { rows: group } = await pool.query<{ id: string }>(
    `insert into learning_groups (company_id, name, visibility, created_by, owner_id)
     values ($1, 'Bench chat ' || gen_random_uuid(), 'private', $2, $2) returning id`,
    [company, BENCH_IDS.admin],
  );
  const groupId = group[0]!.id;
  const { rows: members } = await pool.query<{ user_id: string }>(
    `insert into group_members (group_id, user_id, company_id, added_by, source)
     select $1, id, $2, $3, 'individual' from users
     where company_id = $2 and deactivated_at is null and not ('admin' = any(roles)) order by id limit ${MEMBERS}
     returning user_id`,
    [groupId, company, BENCH_IDS.admin],
  );
  const authors = members.map((m) => m.user_id);
  await pool.query(
    `insert into group_messages (company_id, group_id, author_id, kind, body, seq, operation_key, created_at)
     select $1, $2, ($3::uuid[])[1 + i % ${MEMBERS}], (case when i % 10 = 0 then 'question' else 'note' end)::message_kind,
            repeat('Message ' || i || ' with **some** words, ', 5), i, gen_random_uuid()::text,
            now() - make_interval(secs => ${HISTORY} - i)
     from generate_series(1, ${HISTORY}) i`,
    [company, groupId, authors],
  );
  await pool.query("insert into group_chat_state (group_id, company_id, last_seq, last_message_at) values ($1, $2, $3, now())", [
    groupId,
    company,
    HISTORY,
  ]);
  await pool.query("analyze group_messages, group_chat_state, group_members");
  return { groupId, reader: { userId: authors[0]!, companyId: company, roles: [] } };
}

/**
 * `messagesSince` for a client that missed the last 200 changes, against a bare SELECT of those
 * 200 messages: the data layer's own message statement, recorded and replayed alone through raw
 * `pg` (the access check is ours, not the floor's). The issue adds one HTTP round trip to a trivial
 * route to both sides; without `next start` here, both sides go without it, which only makes the
 * ratio stricter.
 */
export const chatResync: BenchCase = {
  name: "chat.resync",
  target: "p95 ≤ 2 × bare (a bare SELECT of the 200 messages)",
  plan: { warmup: 20, iterations: 200, rounds: 3 },
  passes: ({ p95, bareP95 }, details) => p95 <= 2 * bareP95 && details.messages === MISSED,
  async prepare({ db, bare: pool, recorder }) {
    const { groupId, reader } = await setUp(pool);
    const since = HISTORY - MISSED;
    const { result, statements } = await recorder.record((recording) => messagesSince(recording, reader, groupId, since));
    const select = statements.filter((statement) => statement.text.includes("from group_messages m"));
    if (select.length !== 1) throw new Error(`Expected one message statement, recorded ${statements.map(label).join(" | ")}`);
    return {
      details: { messages: result.messages.length, has_more: result.hasMore, statements_per_call: statements.length, statements: statements.map(label) },
      ours: () => timed(() => messagesSince(db, reader, groupId, since)),
      bare: () => timed(() => replay(pool, select)),
    };
  },
};
