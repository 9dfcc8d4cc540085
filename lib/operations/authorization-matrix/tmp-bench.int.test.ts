import { presentSession, serveDatabase } from "@/tests/next-request";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCast, type Cast } from "@/tests/attackers";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { companyFingerprint } from "@/tests/footprint";
import { createGroupAction } from "@/lib/groups/actions";
import { listMessages } from "@/lib/chat/queries";
import { loadOlderMessagesAction } from "@/lib/chat/actions";
import { opId } from "@/tests/fixtures";

let handle: TestDatabase;
let cast: Cast;
let stop: () => Promise<void>;
beforeAll(async () => {
  handle = await createTestDatabase();
  stop = serveDatabase(handle);
  const t = Date.now();
  cast = await createCast(handle.db);
  console.log("cast", Date.now() - t);
});
afterAll(async () => {
  await stop();
  await handle.close();
});
const time = async (label: string, n: number, f: () => Promise<unknown>) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(label, ((performance.now() - t) / n).toFixed(1));
};
it("bench", async () => {
  await time("fingerprint", 20, () => companyFingerprint(handle.db, cast.companyId));
  const { sql } = await import("drizzle-orm");
  const { queryRows } = await import("@/db/client");
  const tables = (
    await queryRows<{ name: string }>(
      handle.db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)`,
    )
  ).map((r) => r.name);
  const q1 = sql.join(
    tables.map(
      (t) =>
        sql`select ${t} as name, count(*) as n, sum(hashtextextended(x::text, 0)) as h from ${sql.identifier(t)} x where company_id = ${cast.companyId}`,
    ),
    sql` union all `,
  );
  await time("hash-sum", 20, () => queryRows(handle.db, q1));
  const q2 = sql.join(
    tables.map(
      (t) =>
        sql`select ${t} as name, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${sql.identifier(t)} x where company_id = ${cast.companyId}`,
    ),
    sql` union all `,
  );
  await time("md5-text", 20, () => queryRows(handle.db, q2));
  await time("select1", 20, () => queryRows(handle.db, sql`select 1`));
  const q3 = sql.join(
    tables.map((t) => sql`select ${t} as name, count(*) as n from ${sql.identifier(t)} x where company_id = ${cast.companyId}`),
    sql` union all `,
  );
  await time("counts", 20, () => queryRows(handle.db, q3));
  await time("session", 20, () => presentSession({ userId: cast.learner.id, sessionId: cast.learner.sessionId }));
  await time("refused op", 20, () => createGroupAction({ name: "x", operationId: opId() }));
  await presentSession({ userId: cast.member.id, sessionId: cast.member.sessionId });
  await time("read action", 20, () => loadOlderMessagesAction({ groupId: cast.privateGroupId }));
  await presentSession({ userId: cast.owner.id, sessionId: cast.owner.sessionId });
  await time("ok op", 20, () => createGroupAction({ name: "x" + opId(), operationId: opId() }));
  expect(1).toBe(1);
});
