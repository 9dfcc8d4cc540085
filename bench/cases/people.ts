import type pg from "pg";
import { listPeople } from "@/lib/people/queries/directory";
import { getPerson } from "@/lib/people/queries/person";
import { type Bench, type BenchCase, readCase } from "../case";
import { BENCH_IDS } from "../data";

const READS = { warmup: 20, iterations: 200, rounds: 3 };

const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows.length;

/** What admins type into the People search, alone and with the filters, and a later page. */
const SEARCHES = [
  { label: "mar", q: "mar" },
  { label: "anna", q: "anna" },
  { label: "schmidt", q: "schmidt" },
  { label: "nguyen", q: "nguyen" },
  { label: "jonh (typo)", q: "jonh" },
  { label: "emma w", q: "emma w" },
  { label: "kowalsk", q: "kowalsk" },
  { label: "le (2 letters)", q: "le" },
  { label: "mar, page 3", q: "mar", page: 3 },
  { label: "mar, Field Sales, active", q: "mar", departmentId: BENCH_IDS.department10k, status: "active" as const },
  { label: "no term, learners", role: "learner" as const },
  { label: "no term, deactivated", status: "deactivated" as const },
];

export const peopleSearch: BenchCase = readCase({
  name: "people.search",
  target: "p95 ≤ 30 ms",
  plan: READS,
  size: rowsOf,
  variants: ({ ctx }) => SEARCHES.map(({ label, ...filters }) => ({ label, run: (db) => listPeople(db, ctx, filters) })),
  passes: ({ p95 }) => p95 <= 30,
});

/**
 * The people whose pages are read: the one in the most groups, a member of the 10,000-member
 * group, and the admin. The template has no course progress and no audit of people, so before the
 * clock each gets progress in 10 courses and 30 audit rows (more than a page), on this case's copy.
 */
async function personPageSubjects(pool: pg.Pool): Promise<{ label: string; id: string }[]> {
  const { rows } = await pool.query<{ label: string; id: string }>(
    `(select 'most groups' as label, user_id as id from group_members where company_id = $1
       group by user_id order by count(*) desc, user_id limit 1)
     union all
     (select 'big group member', user_id from group_members where group_id = $2 order by user_id limit 1)
     union all
     select 'admin', $3::uuid`,
    [BENCH_IDS.company, BENCH_IDS.bigGroup, BENCH_IDS.admin],
  );
  const ids = rows.map((row) => row.id);
  await pool.query(
    `insert into course_progress (company_id, user_id, course_id, lessons_done, percent)
     select $1, u, c.id, 3, 30 from unnest($2::uuid[]) u
     cross join (select id from courses where company_id = $1 order by id limit 10) c
     on conflict do nothing`,
    [BENCH_IDS.company, ids],
  );
  await pool.query(
    `insert into audit_log (company_id, actor_id, action, target_type, target_id, details)
     select $1, $3, 'person.updated', 'user', u, '{"changes":{}}'::jsonb from unnest($2::uuid[]) u, generate_series(1, 30)`,
    [BENCH_IDS.company, ids, BENCH_IDS.admin],
  );
  await pool.query("analyze course_progress, audit_log");
  return rows;
}

const PERSON_PAGE = {
  name: "people.person-page",
  target: "p95 ≤ 30 ms",
  plan: READS,
  passes: ({ p95 }) => p95 <= 30,
} satisfies Omit<BenchCase, "prepare">;

export const personPage: BenchCase = {
  ...PERSON_PAGE,
  async prepare(bench: Bench) {
    const subjects = await personPageSubjects(bench.bare);
    return readCase({
      ...PERSON_PAGE,
      size: (result) => {
        const person = result as { groups: unknown[]; courses: unknown[]; audit: { rows: unknown[] } };
        return person.groups.length + person.courses.length + person.audit.rows.length;
      },
      variants: ({ ctx }) =>
        subjects.flatMap(({ label, id }) => [
          { label, run: (db) => getPerson(db, ctx, id) },
          { label: `${label}, changes page 2`, run: (db) => getPerson(db, ctx, id, { auditPage: 2 }) },
        ]),
    }).prepare(bench);
  },
};
