import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/base/env";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { updatePerson } from "@/lib/people/operations/update-person";
import { lockWaitersReach } from "@/tests/barrier";
import { createRaceDatabase, type RaceDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { canSubscribe } from "./channels";
import { groupChannelAt } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";

/**
 * The one interleaving that would let a removed person keep a channel: the channel-auth route has
 * checked the person may read and not yet recorded its grant, while the removal (or demotion) reads
 * the grants, finds none, and commits without moving the epoch. A third connection holds the grant's
 * key (an uncommitted insert of the same row), so the route stops exactly there; the change then
 * starts, and the barrier lifts once both wait. The change must see the grant and move the epoch.
 * PostgreSQL only: PGlite serves one connection at a time.
 */
describe.runIf(env().testDatabaseUrl)("a subscription racing a removal or a demotion (PostgreSQL)", () => {
  let handle: RaceDatabase;
  let admin: TestPerson;

  beforeAll(async () => {
    handle = await createRaceDatabase();
    const acme = await createCompany(handle.db, "Acme");
    admin = await createPerson(handle.db, acme.id, { roles: ["admin"] });
  });
  afterAll(() => handle.close());

  async function race(person: TestPerson, groupId: string, change: () => Promise<unknown>) {
    const barrier = new pg.Client({ connectionString: handle.url! });
    await barrier.connect();
    try {
      await barrier.query("begin");
      await barrier.query("insert into group_channel_grants (group_id, company_id, epoch, user_id) values ($1, $2, 0, $3)", [
        groupId,
        person.companyId,
        person.id,
      ]);
      const subscribing = canSubscribe(handle.first.db, person, groupChannelAt(groupId, 0));
      // The route has checked the person and waits to record the grant.
      await lockWaitersReach(barrier, 1);
      const changing = change();
      const settled = changing.then(
        () => undefined,
        () => undefined,
      );
      await Promise.race([lockWaitersReach(barrier, 2), settled]);
      await barrier.query("rollback");
      const [granted] = await Promise.all([subscribing, changing]);
      return { granted, epoch: (await currentEpochs(handle.db, [groupId])).get(groupId) };
    } finally {
      await barrier.end();
    }
  }

  it("a removal waits for the grant in flight, sees it and moves the epoch", async () => {
    const member = await createPerson(handle.db, admin.companyId);
    const group = await createGroup(handle.db, admin, { members: [member] });
    const outcome = await race(member, group.id, () =>
      removeMembers(handle.second.db, admin, { groupId: group.id, userIds: [member.id], operationId: opId() }),
    );
    expect(outcome).toEqual({ granted: true, epoch: 1 });
  });

  it("a demotion waits for the grant in flight, sees it and moves the epoch", async () => {
    const other = await createPerson(handle.db, admin.companyId, { roles: ["admin"] });
    const group = await createGroup(handle.db, admin, { members: [] });
    const outcome = await race(other, group.id, () =>
      updatePerson(handle.second.db, admin, { personId: other.id, roles: [], operationId: opId() }),
    );
    expect(outcome).toEqual({ granted: true, epoch: 1 });
  });
});
