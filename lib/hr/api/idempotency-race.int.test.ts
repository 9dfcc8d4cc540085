import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditLog, groupMembers } from "@/db/schema";
import { env } from "@/base/env";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId } from "@/tests/fixtures";
import { handleApiRequest } from "./handler";

/**
 * Two requests with the same Idempotency-Key on two connections at once (PostgreSQL only): the
 * group's row is held by a third connection until both wait, so they truly overlap.
 */
describe.runIf(env().testDatabaseUrl)("Idempotency-Key under concurrency (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let key: string;
  let groupId: string;
  let userIds: string[];

  beforeAll(async () => {
    handle = await createRaceDatabase();
    const company = await createCompany(handle.db);
    const admin = await createPerson(handle.db, company.id, { roles: ["admin"] });
    key = (await createApiKey(handle.db, admin, { name: "sync", scope: "write", operationId: opId() })).result.secret!;
    groupId = (await createGroup(handle.db, admin)).id;
    const people = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into users (company_id, name, email)
          select ${company.id}, 'P' || i, 'p' || i || '-' || gen_random_uuid() || '@race.example'
          from generate_series(1, 50) i returning id`,
    );
    userIds = people.map((row) => row.id);
  });
  afterAll(async () => handle.close());

  const post = (db: RaceDatabase["first"], idempotencyKey: string, ids: string[]) =>
    handleApiRequest(
      new Request(`http://cohort.test/api/v1/groups/${groupId}/members`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "idempotency-key": idempotencyKey, "content-type": "application/json" },
        body: JSON.stringify({ userIds: ids }),
      }),
      { db: db.db, schedule: () => undefined },
    );
  const lockGroup = () => ({ text: "select id from learning_groups where id = $1 for update", values: [groupId] });

  it("the same key and body at once: one effect, both answered the same", async () => {
    const idempotencyKey = randomUUID();
    const [a, b] = await withBarrier(handle.url!, lockGroup(), () =>
      Promise.all([post(handle.first, idempotencyKey, userIds.slice(0, 20)), post(handle.second, idempotencyKey, userIds.slice(0, 20))]),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toEqual(await b.json());
    expect(await handle.db.$count(groupMembers, eq(groupMembers.groupId, groupId))).toBe(20);
    expect(await handle.db.$count(auditLog, eq(auditLog.action, "group.members_added"))).toBe(1);
  });

  it("the same key with another body at once: one is done, the other is a 409", async () => {
    const idempotencyKey = randomUUID();
    const [a, b] = await withBarrier(handle.url!, lockGroup(), () =>
      Promise.all([post(handle.first, idempotencyKey, userIds.slice(20, 30)), post(handle.second, idempotencyKey, userIds.slice(30, 50))]),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    // Only the request answered 200 took effect, whichever of the two it was.
    const done = (await (a.status === 200 ? a : b).json()) as { added: number };
    expect(done.added).toBe(a.status === 200 ? 10 : 20);
    expect(await handle.db.$count(groupMembers, eq(groupMembers.groupId, groupId))).toBe(20 + done.added);
  });
});
