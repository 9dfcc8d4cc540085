import { eq, inArray, sql } from "drizzle-orm";
import { companies, companyDomains, users } from "@/db/schema";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { reloadEnv } from "@/base/env";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { demoAccounts } from "./accounts";
import { isSeeded, seed } from "./index";

let handle: TestDatabase;
const now = new Date("2026-03-02T10:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("demo seed", () => {
  it("refuses production, leaving the database empty", async () => {
    vi.stubEnv("NODE_ENV", "production");
    reloadEnv();
    try {
      await expect(seed(handle.db, { now })).rejects.toThrow(/refuses production/);
    } finally {
      vi.unstubAllEnvs();
      reloadEnv();
    }
    expect(await isSeeded(handle.db)).toBe(false);
  });

  it("fills an empty database with two companies and refuses a second run", async () => {
    expect(await isSeeded(handle.db)).toBe(false);
    const summary = await seed(handle.db, { now });
    expect(summary).toMatchObject({ companies: 2, users: 190, courses: 7, groups: 5 });
    expect(await isSeeded(handle.db)).toBe(true);
    await expect(seed(handle.db, { now })).rejects.toThrow(/already holds/);
  });

  it("creates every demo account, the German one with its own locale", async () => {
    const rows = await handle.db
      .select({ email: users.email, locale: users.locale, timeZone: users.timeZone })
      .from(users)
      .where(
        inArray(
          users.email,
          demoAccounts.map((a) => a.email),
        ),
      );
    expect(rows).toHaveLength(demoAccounts.length);
    expect(rows.find((r) => r.email === "jonas.mueller@acme.example")).toMatchObject({ locale: "de", timeZone: "Europe/Berlin" });
  });

  it("gives each company its own email domain, for single sign-on", async () => {
    const rows = await handle.db
      .select({ domain: companyDomains.domain, company: companies.name })
      .from(companyDomains)
      .innerJoin(companies, eq(companies.id, companyDomains.companyId))
      .orderBy(companyDomains.domain);
    expect(rows).toEqual([
      { domain: "acme.example", company: "Acme GmbH" },
      { domain: "globex.example", company: "Globex Ltd" },
    ]);
  });

  it("keeps course progress consistent with the completions it summarizes", async () => {
    const [mismatch] = await queryRows<{ count: number }>(
      handle.db,
      sql`select count(*)::int as count from course_progress p
          join (select user_id, course_id, count(*)::int as done from lesson_completions group by 1, 2) c
            using (user_id, course_id)
          where p.lessons_done <> c.done`,
    );
    expect(mismatch?.count).toBe(0);
  });

  it("derives the learning records from the completions: snapshots, events, streaks, certificates, badges", async () => {
    const [counts] = await queryRows<Record<string, number>>(
      handle.db,
      sql`select
            (select count(*)::int from lesson_completions c where not exists (
               select 1 from activity_events e where e.type = 'lesson_completed' and e.lesson_id = c.lesson_id and e.user_id = c.user_id
                 and e.created_at = c.completed_at)) as "completionsWithoutEvent",
            (select count(*)::int from course_progress p where p.completed_at is not null and not exists (
               select 1 from certificates x where x.user_id = p.user_id and x.course_id = p.course_id)) as "finishedWithoutCertificate",
            (select count(*)::int from certificates) - (select count(distinct serial)::int from certificates) as "repeatedSerials",
            (select count(*)::int from certificates x where not exists (
               select 1 from activity_events e where e.type = 'certificate_issued' and e.certificate_id = x.id)) as "certificatesWithoutEvent",
            (select count(distinct user_id)::int from lesson_completions) - (select count(*)::int from streaks) as "learnersWithoutStreak",
            (select count(distinct user_id)::int from lesson_completions) - (select count(*)::int from user_badges where badge = 'first_lesson') as "learnersWithoutFirstBadge",
            (select count(*)::int from user_badges b where not exists (
               select 1 from activity_events e where e.type = 'badge_awarded' and e.user_id = b.user_id and e.badge = b.badge)) as "badgesWithoutEvent",
            (select count(*)::int from course_progress p where p.lessons_done <> (
               select s.lessons_done from progress_snapshots s where s.user_id = p.user_id and s.course_id = p.course_id
               order by s.day desc limit 1)) as "snapshotsBehind",
            (select count(*)::int from certificates) as certificates`,
    );
    expect(counts).toMatchObject({
      completionsWithoutEvent: 0,
      finishedWithoutCertificate: 0,
      repeatedSerials: 0,
      certificatesWithoutEvent: 0,
      learnersWithoutStreak: 0,
      learnersWithoutFirstBadge: 0,
      badgesWithoutEvent: 0,
      snapshotsBehind: 0,
    });
    expect(counts!.certificates).toBeGreaterThan(20);
    const lena = await queryRows<{ badge: string }>(
      handle.db,
      sql`select b.badge from user_badges b join users u on u.id = b.user_id where u.email = 'lena.learner@acme.example' order by 1`,
    );
    expect(lena.map((row) => row.badge)).toEqual(expect.arrayContaining(["first_lesson", "perfect_quiz"]));
  });

  it("fills every group's feed as the ledger says: its course's events by people while they were members, and its praise", async () => {
    const [feed] = await queryRows<{ missing: number; extra: number; total: number }>(
      handle.db,
      sql`with expected as (
            select g.id as group_id, e.id as event_id
            from learning_groups g
            join activity_events e on e.company_id = g.company_id and e.course_id = g.course_id and e.group_id is null
            where (select m.kind from membership_events m
                   where m.user_id = e.user_id and m.group_id = g.id and m.at <= e.created_at
                   order by m.at desc, m.id desc limit 1) = 'added'
            union all
            select e.group_id, e.id from activity_events e where e.group_id is not null
          ), actual as (select group_id, event_id from group_feed)
          select (select count(*)::int from (select * from expected except all select * from actual) x) as missing,
                 (select count(*)::int from (select * from actual except all select * from expected) x) as extra,
                 (select count(*)::int from actual) as total`,
    );
    expect(feed).toMatchObject({ missing: 0, extra: 0 });
    expect(feed!.total).toBeGreaterThan(50);
  });

  it("never links a group, member or course across companies", async () => {
    const [crossing] = await queryRows<{ count: number }>(
      handle.db,
      sql`select count(*)::int as count from group_members m
          join learning_groups g on g.id = m.group_id
          join users u on u.id = m.user_id
          left join courses c on c.id = g.course_id
          where u.company_id <> g.company_id or m.company_id <> g.company_id or c.company_id <> g.company_id`,
    );
    expect(crossing?.count).toBe(0);
  });

  it("gives onboarding waves a rule and their members its assignment, and leaves some sales assignments overdue", async () => {
    const [figures] = await queryRows<{
      rules: number;
      ruleAssignments: number;
      members: number;
      overdue: number;
      done: number;
      crossing: number;
    }>(
      handle.db,
      sql`select (select count(*)::int from assignment_rules) as rules,
                 (select count(*)::int from assignments where source = 'rule') as "ruleAssignments",
                 (select count(*)::int from group_members m join assignment_rules r on r.group_id = m.group_id) as members,
                 (select count(*)::int from assignments where status = 'open' and due_at <= ${now}) as overdue,
                 (select count(*)::int from assignments where status = 'done') as done,
                 (select count(*)::int from assignments a join users u on u.id = a.user_id join courses c on c.id = a.course_id
                  where u.company_id <> a.company_id or c.company_id <> a.company_id) as crossing`,
    );
    expect(figures!.rules).toBeGreaterThanOrEqual(2);
    expect(figures!.ruleAssignments).toBe(figures!.members);
    expect(figures!.overdue).toBeGreaterThan(0);
    expect(figures!.done).toBeGreaterThan(0);
    expect(figures!.crossing).toBe(0);
  });
});
