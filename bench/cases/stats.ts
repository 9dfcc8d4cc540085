import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { getGroupStatistics, getStatisticsTab, type MemberSort, type SortDirection } from "@/lib/statistics/group";
import { getProgressOverTime } from "@/lib/statistics/over-time";
import { type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";
import { requireGroupAccess } from "@/lib/group-access/access";

const READS = { warmup: 20, iterations: 200, rounds: 3 };

/** What the Statistics tab reads on opening: the figures and the member table's first page. */
const statisticsTab = async (db: Database, ctx: Ctx, groupId: string, sort: MemberSort, direction: SortDirection) =>
  getStatisticsTab(db, ctx, await requireGroupAccess(db, ctx, groupId), { sort, direction });

const SORTS = [
  ["name", "asc"],
  ["progress", "desc"],
  ["score", "desc"],
  ["activity", "desc"],
] as const;

const tabSize = (result: unknown) => {
  const { statistics, members } = result as Awaited<ReturnType<typeof statisticsTab>>;
  return statistics.members + members.rows.length;
};

/**
 * The fixed floor for the tab: one read of the group's figures row plus one page of 50
 * members from its index (the progress index, joined to their names), in one transaction.
 */
const tabFloor = (groupId: string) => ({
  sql: "select * from group_figures where group_id = $1; select m.*, u.name, u.email from group_members m join users u on u.id = m.user_id where m.group_id = $1 order by m.lessons_done desc, m.sort_name desc, m.user_id desc limit 50",
  statements: async () => [
    `select * from group_figures where group_id = '${groupId}'`,
    `select m.*, u.name, u.email from group_members m join users u on u.id = m.user_id
     where m.group_id = '${groupId}' order by m.lessons_done desc, m.sort_name desc, m.user_id desc limit 50`,
  ],
});

/**
 * `stats.group`: the 10,000-member group on its 50-lesson course (250,000 completions, which the
 * tab never reads), opened as the default by name and sorted by each other column.
 */
export const statsGroup: BenchCase = readCase({
  name: "stats.group",
  target: "p95 ≤ 25 ms and ≤ 1.5 × bare",
  plan: READS,
  size: tabSize,
  variants: ({ ctx }) =>
    SORTS.map(([sort, direction]) => ({
      label: `by ${sort} ${direction}`,
      run: (db) => statisticsTab(db, ctx, BENCH_IDS.statsGroup, sort, direction),
    })),
  fixedFloor: tabFloor(BENCH_IDS.statsGroup),
  passes: ({ p95, bareP95 }) => p95 <= 25 && p95 <= 1.5 * bareP95,
});

/**
 * `stats.group-100k`: a group of every active person of the company (about 100,000) on the
 * statistics course, made untimed on the case's copy: 10,000 of them have progress in it, the rest
 * have not started. The same reads as `stats.group`; nothing in them may grow with the members.
 */
export const statsGroup100k: BenchCase = readCase({
  name: "stats.group-100k",
  target: "p95 ≤ 50 ms and ≤ 1.5 × bare",
  plan: READS,
  size: tabSize,
  variants: async ({ ctx, bare }) => {
    const { rows } = await bare.query<{ id: string }>(
      `insert into learning_groups (company_id, name, course_id, visibility, created_by, owner_id)
       values ($1, 'Statistics for everyone', $2, 'private', $3, $3) returning id`,
      [BENCH_IDS.company, BENCH_IDS.statsCourse, BENCH_IDS.admin],
    );
    const hugeGroup = rows[0]!.id;
    await bare.query(
      `insert into group_members (group_id, user_id, company_id, added_by, source, sort_name)
       select $1, u.id, u.company_id, $2, 'individual', lower(u.name) from users u where u.company_id = $3 and u.deactivated_at is null`,
      [hugeGroup, BENCH_IDS.admin, BENCH_IDS.company],
    );
    await bare.query("vacuum analyze group_members, group_figures");
    return SORTS.map(([sort, direction]) => ({
      label: `by ${sort} ${direction}`,
      run: (db: Database) => statisticsTab(db, ctx, hugeGroup, sort, direction),
    }));
  },
  fixedFloor: {
    sql: tabFloor("").sql,
    statements: async ({ bare }) => {
      const { rows } = await bare.query<{ id: string }>("select id from learning_groups where name = 'Statistics for everyone'");
      return tabFloor(rows[0]!.id).statements();
    },
  },
  passes: ({ p95, bareP95 }) => p95 <= 50 && p95 <= 1.5 * bareP95,
});
/** The Statistics tab's chart: 180 stored days of the same group, and today's point computed live (the figures the tab reads once for both). */
export const statsOverTime: BenchCase = readCase({
  name: "stats.over-time",
  target: "p95 ≤ 60 ms",
  plan: READS,
  size: (result) => (result as unknown[]).length,
  variants: ({ ctx }) => [
    {
      label: "180 days and today",
      run: async (db) => {
        const access = await requireGroupAccess(db, ctx, BENCH_IDS.statsGroup);
        return getProgressOverTime(db, ctx, access, getGroupStatistics(db, ctx, access));
      },
    },
  ],
  passes: ({ p95 }) => p95 <= 60,
});
