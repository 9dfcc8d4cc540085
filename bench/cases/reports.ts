import { listReports, type ReportFilters } from "@/lib/reports/queries";
import { type Bench, type BenchCase, readCase } from "../case";

const STATS_REPORTS = {
  name: "stats.reports",
  target: "p95 ≤ 80 ms",
  plan: { warmup: 20, iterations: 200, rounds: 3 },
  passes: ({ p95 }) => p95 <= 80,
} satisfies Omit<BenchCase, "prepare">;

const ALL: ReportFilters = { status: "all" };

/**
 * "Reports" over the 2,000 groups: the first page, a late one, the course most groups share, a name
 * search, and the sorts that need every group's figure before the limit (members, average progress).
 */
export const statsReports: BenchCase = {
  ...STATS_REPORTS,
  async prepare(bench: Bench) {
    const { rows } = await bench.bare.query<{ id: string }>(
      `select course_id as id from learning_groups where company_id = $1 and course_id is not null
       group by course_id order by count(*) desc, course_id limit 1`,
      [bench.ctx.companyId],
    );
    const courseId = rows[0]?.id;
    if (!courseId) throw new Error("The bench template has no group with a course.");
    const variants: Array<{ label: string; filters: ReportFilters & { page?: number } }> = [
      { label: "page 1", filters: ALL },
      { label: "page 70", filters: { ...ALL, page: 70 } },
      { label: "course", filters: { ...ALL, courseId } },
      { label: "search 'refresher'", filters: { ...ALL, search: "refresher" } },
      { label: "active, public", filters: { status: "active", visibility: "public" } },
      { label: "by members, desc", filters: { ...ALL, sort: "members", direction: "desc" } },
      { label: "by average, desc", filters: { ...ALL, sort: "average", direction: "desc" } },
      { label: "by average, page 40", filters: { ...ALL, sort: "average", page: 40 } },
    ];
    return readCase({
      ...STATS_REPORTS,
      size: (result) => (result as { rows: unknown[] }).rows.length,
      variants: ({ ctx }) => variants.map(({ label, filters }) => ({ label, run: (db) => listReports(db, ctx, filters) })),
    }).prepare(bench);
  },
};
