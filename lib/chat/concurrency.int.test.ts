import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseHandle, openPostgres } from "@/db/client";
import { groupMessages } from "@/db/schema";
import { env } from "@/base/env";
import { AppError } from "@/lib/errors";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { postMessageSchema } from "./schemas";
import { postMessage } from "./operations/post-message";

/**
 * Races need real connections: PostgreSQL only. A barrier connection holds the row every racer
 * locks first (the author's, or the group's chat sequence), and lets go once all wait behind it.
 */
describe.runIf(env().testDatabaseUrl)("concurrent posts (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let companyId: string;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    ({ first, second } = handle);
    companyId = (await createCompany(handle.db, "Acme")).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const now = new Date("2026-05-04T08:00:00Z");
  const send = (db: Database, person: TestPerson, groupId: string, operationId = opId()) =>
    postMessage(db, person, postMessageSchema.parse({ groupId, operationId, kind: "note", body: "Hi" }), { now });
  const lockAuthor = (person: TestPerson) => ({ text: "select 1 from users where id = $1 for update", values: [person.id] });

  it("eleven posts at once from one person, each on its own connection: exactly ten are accepted", async () => {
    const author = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, author, { members: [author] });
    // All eleven wait on the author's row together, so each must count what the ones before it wrote.
    const connections = Array.from({ length: 11 }, () => openPostgres(handle.url!, { max: 1, connectAs: "owner" }));
    try {
      const outcomes = await withBarrier(
        handle.url!,
        lockAuthor(author),
        () => Promise.allSettled(connections.map((connection) => send(connection.db, author, group.id))),
        connections.length,
      );
      const refused = outcomes.filter((o) => o.status === "rejected");
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
      expect(refused).toHaveLength(1);
      const reason = (refused[0] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(AppError);
      expect(reason).toMatchObject({ code: "chat_rate_limited", values: { seconds: 10 } });
      expect(await handle.db.select().from(groupMessages).where(eq(groupMessages.groupId, group.id))).toHaveLength(10);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it("the same operation submitted twice at once makes one message", async () => {
    const author = await createPerson(handle.db, companyId);
    const group = await createGroup(handle.db, author, { members: [author] });
    const operationId = opId();
    const [a, b] = await withBarrier(handle.url!, lockAuthor(author), () =>
      Promise.all([send(first.db, author, group.id, operationId), send(second.db, author, group.id, operationId)]),
    );
    expect(a.result).toEqual(b.result);
    expect([a.events, b.events].filter((events) => events?.length)).toHaveLength(1);
    expect(await handle.db.select().from(groupMessages).where(eq(groupMessages.groupId, group.id))).toHaveLength(1);
  });

  it("posts of many people at once take distinct, gapless sequence numbers", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => createPerson(handle.db, companyId)));
    const group = await createGroup(handle.db, people[0]!, { members: people });
    await send(handle.db, people[0]!, group.id);
    const outcomes = await withBarrier(
      handle.url!,
      { text: "select 1 from group_chat_state where group_id = $1 for update", values: [group.id] },
      () => Promise.all(people.map((person, i) => send(i % 2 ? first.db : second.db, person, group.id))),
    );
    expect(outcomes.map((o) => o.result.seq).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});
