import Pusher from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userChannel } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { subscribeAs } from "@/tests/realtime-client";
import { addMembers } from "./operations/add-members";

const PEOPLE = 150;

describe("fan-out of 'added to the group'", () => {
  let handle: TestDatabase;
  let admin: TestPerson;
  let departmentId: string;
  let people: TestPerson[];
  const clients: Pusher[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await createCompany(handle.db, "Acme");
    admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
    departmentId = (await createDepartment(handle.db, acme.id, "Everyone")).id;
    people = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await createPerson(handle.db, acme.id, { departmentId }));
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await handle.close();
  });

  it("delivers exactly one notification to each of 150 subscribers", async () => {
    const received = new Map<string, number>();
    for (const person of people) {
      const { client, channel } = await subscribeAs(handle.db, person, userChannel(person.id));
      clients.push(client);
      channel.bind("personal.news", () => received.set(person.id, (received.get(person.id) ?? 0) + 1));
    }

    const group = await createGroup(handle.db, admin, { name: "Everyone wave" });
    const outcome = await addMembers(handle.db, admin, {
      groupId: group.id,
      selection: { mode: "departments", departmentIds: [departmentId] },
      operationId: opId(),
    });
    expect(outcome.result.added).toBe(PEOPLE);
    await deliver(outcome, handle.db);

    const deadline = Date.now() + 15_000;
    while (received.size < PEOPLE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // A moment more, so a duplicate would have time to arrive.
    await new Promise((r) => setTimeout(r, 500));
    expect(received.size).toBe(PEOPLE);
    expect([...received.values()].every((count) => count === 1)).toBe(true);
  });
});
