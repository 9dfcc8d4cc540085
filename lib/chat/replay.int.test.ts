import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, it } from "vitest";
import { groupMessages, groupReads } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { expectOneEffect, type ReplayCase } from "@/tests/replay";
import { postMessageSchema } from "./schemas";
import { deleteMessage } from "./operations/delete-message";
import { editMessage } from "./operations/edit-message";
import { markAnswered } from "./operations/mark-answered";
import { markRead } from "./operations/mark-read";
import { postMessage } from "./operations/post-message";

let handle: TestDatabase;
let owner: TestPerson;
let member: TestPerson;

// Its own clock, a second and a half per step, as the chat's other tests: the rate limit counts them.
let clock = new Date("2026-06-01T08:00:00Z").getTime();
const tick = () => new Date((clock += 1500));

beforeAll(async () => {
  handle = await createTestDatabase();
  const companyId = (await createCompany(handle.db, "Acme")).id;
  owner = await createPerson(handle.db, companyId, { roles: ["admin"] });
  member = await createPerson(handle.db, companyId);
});
afterAll(() => handle.close());

/** A group with one question of the member's in it. */
async function room() {
  const group = await createGroup(handle.db, owner, { members: [member] });
  const input = postMessageSchema.parse({ groupId: group.id, operationId: opId(), kind: "question", body: "Where?" });
  const { result: question } = await postMessage(handle.db, member, input, { now: tick() });
  const messages = () =>
    handle.db.select({ seq: groupMessages.seq, body: groupMessages.body }).from(groupMessages).where(eq(groupMessages.groupId, group.id));
  return { group, question, messages };
}

/**
 * A change of the question (edit, delete, answered). Between the calls the question is put back as
 * it was posted, so a second run would change it again and take another seq.
 */
const change = (name: string, run: (messageId: string, operationId: string) => ReturnType<typeof editMessage>): ReplayCase => ({
  name,
  prepare: async () => {
    const { question, messages } = await room();
    const operationId = opId();
    return {
      call: () => run(question.id, operationId),
      disturb: async () => {
        await handle.db.execute(
          sql`update group_messages set body = 'Where?', edited_at = null, deleted_at = null, deleted_by = null, answered_at = null, answered_by = null
              where id = ${question.id}`,
        );
      },
      observe: messages,
    };
  },
});

const cases: ReplayCase[] = [
  {
    name: "chat.post",
    prepare: async () => {
      const { group, messages } = await room();
      const input = postMessageSchema.parse({ groupId: group.id, operationId: opId(), kind: "note", body: "Once" });
      return { call: () => postMessage(handle.db, member, input, { now: tick() }), observe: messages };
    },
  },
  change("chat.edit", (messageId, operationId) =>
    editMessage(handle.db, member, { messageId, operationId, body: "Here?" }, { now: tick() }),
  ),
  change("chat.delete", (messageId, operationId) => deleteMessage(handle.db, member, { messageId, operationId }, { now: tick() })),
  change("chat.answered", (messageId, operationId) => markAnswered(handle.db, owner, { messageId, operationId }, { now: tick() })),
  {
    name: "chat.markRead",
    prepare: async () => {
      const { group } = await room();
      const input = { groupId: group.id, operationId: opId() };
      const read = () => handle.db.select({ at: groupReads.lastReadAt }).from(groupReads).where(eq(groupReads.groupId, group.id));
      return {
        call: () => markRead(handle.db, member, input, { now: tick() }),
        // A second run would move the marker to its own, later moment.
        disturb: async () => {
          await handle.db.execute(sql`update group_reads set last_read_at = last_read_at - interval '1 hour' where group_id = ${group.id}`);
        },
        observe: read,
      };
    },
  },
];

describe("the same operation id twice does the work once", () => {
  it.each(cases.map((replay) => [replay.name, replay] as const))("%s", (_name, replay) => expectOneEffect(replay));
});
