import { listFeed } from "@/lib/feed/queries";
import type { FeedCursor, FeedPage } from "@/lib/feed/types";
import { type Ctx, loadViewer } from "@/lib/auth/viewer";
import { requireGroupAccess } from "@/lib/group-access/access";
import type { Database } from "@/db/client";
import { type Bench, type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";

const READS = { warmup: 20, iterations: 200, rounds: 3 };
type Page = { label: string; before: FeedCursor | null };

const cursorOf = (page: FeedPage): FeedCursor => {
  const last = page.entries.at(-1)!;
  return { createdAt: last.createdAt, id: last.id };
};

/** A member of the group, as the feed's reader. */
async function memberOf(bench: Bench, groupId: string): Promise<Ctx> {
  const { rows } = await bench.bare.query<{ id: string }>(
    "select user_id as id from group_members where group_id = $1 order by user_id limit 1",
    [groupId],
  );
  const member = rows[0] && (await loadViewer(bench.db, rows[0].id));
  if (!member) throw new Error(`The group ${groupId} has no member.`);
  return { userId: member.userId, companyId: member.companyId, roles: member.roles };
}

const read = async (db: Database, ctx: Ctx, groupId: string, before: FeedCursor | null = null) =>
  listFeed(db, ctx, await requireGroupAccess(db, ctx, groupId), { before });

/** `listFeed` of one group by one of its members over the given pages, taken in turn. */
function feedCase(
  shape: Pick<BenchCase, "name" | "target">,
  choose: (
    bench: Bench,
  ) => Promise<{ groupId: string; pages: (ctx: Ctx, db: Database) => Promise<Page[]>; details?: Record<string, unknown> }>,
): BenchCase {
  const base = { ...shape, plan: READS, passes: ({ p95 }) => p95 <= 30 } satisfies Omit<BenchCase, "prepare">;
  return {
    ...base,
    async prepare(bench) {
      const { groupId, pages, details } = await choose(bench);
      const ctx = await memberOf(bench, groupId);
      const chosen = await pages(ctx, bench.db);
      const prepared = await readCase({
        ...base,
        size: (result) => (result as FeedPage).entries.length,
        variants: () => chosen.map(({ label, before }) => ({ label, run: (db) => read(db, ctx, groupId, before) })),
      }).prepare(bench);
      return { ...prepared, details: { ...prepared.details, ...details } };
    },
  };
}

/**
 * The 10,000-member group read by one of its members: the first page, the second through the
 * first's cursor, and deep pages 40 and 80 days back, each continuing from a real entry's cursor
 * (the feed's last entry before that moment), as "Load older" would.
 */
export const feedPage = feedCase({ name: "feed.page", target: "p95 ≤ 30 ms" }, async () => ({
  groupId: BENCH_IDS.bigGroup,
  pages: async (ctx, db) => {
    const daysAgo = async (days: number) =>
      cursorOf(
        await read(db, ctx, BENCH_IDS.bigGroup, {
          createdAt: new Date(Date.now() - days * 86_400_000).toISOString(),
          id: "ffffffff-ffff-4fff-bfff-ffffffffffff",
        }),
      );
    return [
      { label: "page 1", before: null },
      { label: "page 2", before: cursorOf(await read(db, ctx, BENCH_IDS.bigGroup)) },
      { label: "40 days back", before: await daysAgo(40) },
      { label: "80 days back", before: await daysAgo(80) },
    ];
  },
}));

/**
 * A small group on the busiest course (the big group's: 600,000 of the million events), picked at
 * random among the template's, read by one of its members: page 1 and each older page while there is
 * one, up to page 4. Its members are a few of the course's learners, so the feed's entries are sparse
 * among the course's events: the read the feed walked the course for before it was fanned out.
 */
export const feedPageSparse = feedCase({ name: "feed.page-sparse", target: "p95 ≤ 30 ms" }, async (bench) => {
  const { rows } = await bench.bare.query<{ id: string; members: number; entries: number }>(
    `select g.id, (select count(*)::int from group_members m where m.group_id = g.id) as members,
            (select count(*)::int from group_feed f where f.group_id = g.id) as entries
     from learning_groups g
     where g.course_id = (select course_id from learning_groups where id = $1) and g.id <> $1
       and exists (select 1 from group_members m where m.group_id = g.id)
     order by random() limit 1`,
    [BENCH_IDS.bigGroup],
  );
  const group = rows[0];
  if (!group) throw new Error("The template has no small group on the big group's course.");
  return {
    groupId: group.id,
    details: { group: group.id, group_members: group.members, group_feed_entries: group.entries },
    pages: async (ctx, db) => {
      const pages: Page[] = [{ label: "page 1", before: null }];
      for (
        let page = await read(db, ctx, group.id);
        page.hasMore && pages.length < 4;
        page = await read(db, ctx, group.id, pages.at(-1)!.before)
      ) {
        pages.push({ label: `page ${pages.length + 1}`, before: cursorOf(page) });
      }
      return pages;
    },
  };
});
