import { listFeed } from "@/lib/feed/queries";
import type { FeedCursor } from "@/lib/feed/types";
import { loadViewer } from "@/lib/auth/viewer";
import { type Bench, type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";
import { requireGroupAccess } from "@/lib/group-access/access";

const READS = { warmup: 20, iterations: 200, rounds: 3 };

const FEED_PAGE = {
  name: "feed.page",
  target: "p95 ≤ 30 ms",
  plan: READS,
  passes: ({ p95 }) => p95 <= 30,
} satisfies Omit<BenchCase, "prepare">;

/**
 * `listFeed` of the 10,000-member group read by one of its members: the first page, the second
 * through the first's cursor, and deep pages 40 and 80 days back, each continuing from a real
 * entry's cursor (the feed's last entry before that moment), as "Load older" would.
 */
export const feedPage: BenchCase = {
  ...FEED_PAGE,
  async prepare(bench: Bench) {
    const { rows } = await bench.bare.query<{ id: string }>(
      "select user_id as id from group_members where group_id = $1 order by user_id limit 1",
      [BENCH_IDS.bigGroup],
    );
    const member = await loadViewer(bench.db, rows[0]!.id);
    if (!member) throw new Error("The big group has no member.");
    const ctx = { userId: member.userId, companyId: member.companyId, roles: member.roles };
    const cursorOf = (page: Awaited<ReturnType<typeof listFeed>>): FeedCursor => {
      const last = page.entries.at(-1)!;
      return { createdAt: last.createdAt, id: last.id };
    };
    const daysAgo = async (days: number) =>
      cursorOf(
        await listFeed(bench.db, ctx, await requireGroupAccess(bench.db, ctx, BENCH_IDS.bigGroup), {
          before: { createdAt: new Date(Date.now() - days * 86_400_000).toISOString(), id: "ffffffff-ffff-4fff-bfff-ffffffffffff" },
        }),
      );
    const second = cursorOf(await listFeed(bench.db, ctx, await requireGroupAccess(bench.db, ctx, BENCH_IDS.bigGroup)));
    const pages: { label: string; before: FeedCursor | null }[] = [
      { label: "page 1", before: null },
      { label: "page 2", before: second },
      { label: "40 days back", before: await daysAgo(40) },
      { label: "80 days back", before: await daysAgo(80) },
    ];
    return readCase({
      ...FEED_PAGE,
      size: (result) => (result as { entries: unknown[] }).entries.length,
      variants: () =>
        pages.map(({ label, before }) => ({
          label,
          run: async (db) => listFeed(db, ctx, await requireGroupAccess(db, ctx, BENCH_IDS.bigGroup), { before }),
        })),
    }).prepare(bench);
  },
};
