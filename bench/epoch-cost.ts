/**
 * `npx tsx --import ./scripts/server-context.mjs bench/epoch-cost.ts`: what one removal costs through the membership epoch in a group of
 * 10,000 members with 250 of them online (lib/realtime/epochs.ts). Not one of the `npm run bench`
 * cases (nothing to compare with a floor): it measures, on a database of its own on the bench server
 * (`BENCH_DATABASE_URL`), the parts that are ours and prints them.
 *
 * 1. The 250 online members subscribe at epoch 0: the channel-auth route's decision (`canSubscribe`,
 *    which records the grant) after its viewer read (`loadViewer`), as the route runs them.
 * 2. One of them is removed (`removeMembers`: the removal and the epoch's move, in one transaction).
 * 3. The 249 others move to epoch 1, each after a random 0–2 s as their pages do, with the app's pool of
 *    10 connections: the viewer read, the authorization, and the chat resync a page on the Chat tab
 *    then sends (`messagesSince`, 20 messages posted meanwhile). Reported: each client's latency, and
 *    when the last one was through, from the removal's commit.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openPostgres, queryRows } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { sql } from "drizzle-orm";
import { loadViewer } from "@/lib/auth/viewer";
import { messagesSince } from "@/lib/chat/queries";
import { postMessage } from "@/lib/chat/operations/post-message";
import { env } from "@/base/env";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { canSubscribe } from "@/lib/group-access/channels";
import { groupChannelAt } from "@/lib/realtime/channels";
import { requireGroupAccess } from "@/lib/group-access/access";

const MEMBERS = 10_000;
const ONLINE = 250;
const JITTER_MS = 2000;

const server = env().benchDatabaseUrl ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `cohort_epoch_cost_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
const handle = openPostgres(url.toString(), { max: 10, connectAs: "owner" });

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

try {
  await applyMigrations(handle);
  const { db } = handle;
  const [company] = await queryRows<{ id: string }>(
    db,
    sql`insert into companies (name, default_time_zone, default_locale) values ('Epoch Corp', 'Europe/Berlin', 'en') returning id`,
  );
  const companyId = company!.id;
  const [owner] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (company_id, name, email, roles) values (${companyId}, 'Ada Admin', 'ada@epoch.example', '{admin}') returning id`,
  );
  const adminCtx = { userId: owner!.id, companyId, roles: ["admin" as const] };
  const people = await queryRows<{ id: string }>(
    db,
    sql`insert into users (company_id, name, email, roles)
        select ${companyId}, 'Member ' || n, 'member' || n || '@epoch.example', '{}' from generate_series(1, ${MEMBERS}) n
        returning id`,
  );
  const [group] = await queryRows<{ id: string }>(
    db,
    sql`insert into learning_groups (company_id, name, created_by, owner_id) values (${companyId}, 'All hands', ${owner!.id}, ${owner!.id}) returning id`,
  );
  const groupId = group!.id;
  await db.execute(
    sql`insert into group_members (group_id, user_id, company_id, source)
        select ${groupId}, id, ${companyId}, 'seed' from users where company_id = ${companyId} and id <> ${owner!.id}`,
  );
  await db.execute(sql`analyze`);
  const online = people.slice(0, ONLINE).map((p) => ({ userId: p.id, companyId, roles: [] as never[] }));

  // 1. Everyone online subscribes at epoch 0.
  const first: number[] = [];
  for (const ctx of online) {
    const started = performance.now();
    await loadViewer(db, ctx.userId);
    if (!(await canSubscribe(db, ctx, groupChannelAt(groupId, 0)))) throw new Error("refused at epoch 0");
    first.push(performance.now() - started);
  }
  // Chat traffic before the removal, for the resyncs to fetch.
  for (let i = 0; i < 20; i++) {
    await postMessage(db, online[1 + (i % 10)]!, { groupId, operationId: randomUUID(), kind: "note", body: `Message ${i}` });
  }
  const [{ seq }] = (await queryRows<{ seq: number }>(
    db,
    sql`select last_seq as seq from group_chat_state where group_id = ${groupId}`,
  )) as [{ seq: number }];

  // 2. The removal of one of them.
  const removalStarted = performance.now();
  const removal = await removeMembers(db, adminCtx, { groupId, userIds: [online[0]!.userId], operationId: randomUUID() });
  const committedAt = performance.now();
  const announced = removal.events?.filter((e) => e.event === "channel.epoch").length ?? 0;
  const [{ grants }] = (await queryRows<{ grants: number }>(
    db,
    sql`select count(*)::int as grants from group_channel_grants where group_id = ${groupId}`,
  )) as [{ grants: number }];

  // 3. The others move to epoch 1 within 0–2 s, authorize and resync.
  const auth: number[] = [];
  const whole: number[] = [];
  const finished: number[] = [];
  await Promise.all(
    online.slice(1).map(async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * JITTER_MS));
      const started = performance.now();
      await loadViewer(db, ctx.userId);
      if (!(await canSubscribe(db, ctx, groupChannelAt(groupId, 1)))) throw new Error("refused at epoch 1");
      auth.push(performance.now() - started);
      // The page had read up to 10 messages back; the resync brings the rest.
      await messagesSince(db, ctx, await requireGroupAccess(db, ctx, groupId), Math.max(0, Number(seq) - 10));
      whole.push(performance.now() - started);
      finished.push(performance.now() - committedAt);
    }),
  );
  const load = (await import("node:os")).loadavg()[0]!.toFixed(1);
  console.log(`
One removal from a group of ${MEMBERS.toLocaleString("en")} members, ${ONLINE} of them online (load average ${load}):
  subscribing at epoch 0 (viewer read + authorization, one at a time): ${summary(first)}
  the removal's transaction (removal, epoch move, grants of epoch 0 forgotten): ${(committedAt - removalStarted).toFixed(1)} ms;
    ${announced} announcements (the group's two old channels); ${grants} grants left (none: epoch 1 has none yet)
  ${ONLINE - 1} resubscriptions within ${JITTER_MS / 1000} s (about ${Math.round((ONLINE - 1) / (JITTER_MS / 1000))} a second), pool of 10:
    viewer read + authorization: ${summary(auth)}
    with the chat resync: ${summary(whole)}
    the last one through ${Math.max(...finished).toFixed(0)} ms after the removal committed
`);
} finally {
  await handle.close();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
