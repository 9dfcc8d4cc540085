import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { assignments, users } from "@/db/schema";
import { handleRemindersCron } from "@/lib/cron/reminders";
import { setCronSecret, TEST_CRON_SECRET } from "@/tests/cron";
import { env } from "@/base/env";
import { drainOutbox, OUTBOX_LEASE_MS, smtpSend } from "@/lib/outbox/drain";
import { outboxInsertSql } from "@/lib/outbox/queue";
import { createAssignment } from "@/tests/assignments";
import { withBarrier } from "@/tests/barrier";
import { createRaceDatabase, createTestDatabase, type RaceDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createPerson, type TestPerson } from "@/tests/fixtures";
import { mailbox } from "@/tests/mailbox";
import { testPorts } from "@/tests/ports";
import { runReminders } from "./reminders";

const inbox = mailbox(`http://127.0.0.1:${testPorts.integrationMailWeb}/api`);
const at = (iso: string) => new Date(iso);

let handle: TestDatabase;
let db: Database;
let companyId: string;
let courseId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  // The company's default zone is Europe/Berlin (tests/fixtures.ts).
  companyId = (await createCompany(db, "Acme")).id;
  courseId = (await createCourse(db, companyId, "Fire Safety")).id;
});
afterAll(() => handle.close());

async function learner(timeZone?: string): Promise<TestPerson> {
  const person = await createPerson(db, companyId, { name: "Lea Learner", email: `lea-${crypto.randomUUID()}@acme.example` });
  if (timeZone) await db.update(users).set({ timeZone }).where(eq(users.id, person.id));
  return person;
}

const assign = (person: TestPerson, dueOn: string, assignedAt: string, reminderDays?: number[]) =>
  createAssignment(db, { companyId, userId: person.id, courseId, dueOn, assignedAt: at(assignedAt), reminderDays });

/** What the scheduler wrote for one assignment: reminder rows, notifications, outbox rows. */
async function written(database: Database, assignmentId: string, userId: string) {
  const [reminders, notifications, outbox] = await Promise.all([
    queryRows<{ offset_days: number }>(
      database,
      sql`select offset_days from assignment_reminders where assignment_id = ${assignmentId} order by offset_days`,
    ),
    queryRows<{ type: string; payload: Record<string, unknown> }>(
      database,
      sql`select type, payload from notifications where user_id = ${userId} order by created_at, type`,
    ),
    queryRows<{
      template: string;
      message_id: string;
      sent_at: Date | null;
      dropped_at: Date | null;
      last_error: string | null;
      attempts: number;
    }>(
      database,
      sql`select template, message_id, sent_at, dropped_at, last_error, attempts from mail_outbox where assignment_id = ${assignmentId} order by created_at, template`,
    ),
  ]);
  return { offsets: reminders.map((row) => row.offset_days), notifications, outbox };
}

const nextReminderAt = async (id: string) =>
  (await db.select({ next: assignments.nextReminderAt }).from(assignments).where(eq(assignments.id, id)))[0]!.next;

describe("runReminders", () => {
  it("writes each reminder once, at 09:00 in the learner's zone on its day, then the overdue notice", async () => {
    const lea = await learner();
    // Due 20 March (Berlin, UTC+1): the deadline ends at 2026-03-20T23:00Z.
    const { id, nextReminderAt: first } = await assign(lea, "2026-03-20", "2026-03-01T10:00:00Z");
    expect(first).toEqual(at("2026-03-13T08:00:00Z"));
    const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
    expect(row!.dueAt).toEqual(at("2026-03-20T23:00:00Z"));

    expect(await runReminders(db, at("2026-03-13T07:59:59Z"))).toMatchObject({ assignments: 0, written: 0, notified: 0 });
    expect((await written(db, id, lea.id)).offsets).toEqual([]);

    const run = await runReminders(db, at("2026-03-13T08:00:00Z"));
    expect(run).toMatchObject({ assignments: 1, written: 1, notified: 1 });
    expect(run.events).toHaveLength(1);
    expect(run.events[0]).toMatchObject({
      channels: [`private-user-${lea.id}`],
      data: {
        notifications: [{ type: "assignment.reminder", payload: { courseTitle: "Fire Safety", courseId, dueOn: "2026-03-20", days: 7 } }],
      },
    });
    expect(await written(db, id, lea.id)).toMatchObject({
      offsets: [-7],
      notifications: [{ type: "assignment.reminder", payload: { days: 7 } }],
      outbox: [{ template: "assignment.reminder", sent_at: null }],
    });
    expect(await nextReminderAt(id)).toEqual(at("2026-03-19T08:00:00Z"));

    // The same moment again, and a stale pointer to the past: nothing new.
    expect(await runReminders(db, at("2026-03-13T08:00:00Z"))).toMatchObject({ assignments: 0, written: 0, notified: 0 });
    await db
      .update(assignments)
      .set({ nextReminderAt: at("2026-03-13T08:00:00Z") })
      .where(eq(assignments.id, id));
    expect(await runReminders(db, at("2026-03-13T09:00:00Z"))).toMatchObject({ assignments: 1, written: 0, notified: 0 });
    expect(await nextReminderAt(id)).toEqual(at("2026-03-19T08:00:00Z"));

    expect(await runReminders(db, at("2026-03-19T08:00:00Z"))).toMatchObject({ written: 1, notified: 1 });
    // Not overdue while the deadline day lasts; overdue the next day at 09:00.
    expect(await runReminders(db, at("2026-03-20T22:59:59Z"))).toMatchObject({ written: 0 });
    const overdue = await runReminders(db, at("2026-03-21T08:00:00Z"));
    expect(overdue).toMatchObject({ written: 1, notified: 1 });
    expect(overdue.events[0]).toMatchObject({ data: { notifications: [{ type: "assignment.overdue", payload: { days: 1 } }] } });
    expect(await written(db, id, lea.id)).toMatchObject({
      offsets: [-7, -1, 1],
      notifications: [
        { type: "assignment.reminder", payload: { days: 7 } },
        { type: "assignment.reminder", payload: { days: 1 } },
        { type: "assignment.overdue", payload: { days: 1 } },
      ],
      outbox: [{ template: "assignment.reminder" }, { template: "assignment.reminder" }, { template: "assignment.overdue" }],
    });
    expect(await nextReminderAt(id)).toBeNull();
  });

  it("follows the learner's own zone across a daylight-saving change, beside a learner far east", async () => {
    // Los Angeles moves to PDT (UTC-7) on 8 March 2026; Tokyo stays UTC+9.
    const west = await learner("America/Los_Angeles");
    const east = await learner("Asia/Tokyo");
    const a = await assign(west, "2026-03-10", "2026-03-01T00:00:00Z");
    const b = await assign(east, "2026-03-10", "2026-03-01T00:00:00Z");
    expect(a.nextReminderAt).toEqual(at("2026-03-03T17:00:00Z")); // 09:00 PST
    expect(b.nextReminderAt).toEqual(at("2026-03-03T00:00:00Z")); // 09:00 JST
    const [west10] = await db.select().from(assignments).where(eq(assignments.id, a.id));
    expect(west10!.dueAt).toEqual(at("2026-03-11T07:00:00Z")); // midnight PDT

    await runReminders(db, at("2026-03-03T17:00:00Z"));
    expect((await written(db, a.id, west.id)).offsets).toEqual([-7]);
    expect((await written(db, b.id, east.id)).offsets).toEqual([-7]);

    // The day before, at 09:00: in Tokyo at 00:00Z, in Los Angeles (now PDT) at 16:00Z, not 17:00Z.
    await runReminders(db, at("2026-03-09T15:59:59Z"));
    expect((await written(db, a.id, west.id)).offsets).toEqual([-7]);
    expect((await written(db, b.id, east.id)).offsets).toEqual([-7, -1]);
    await runReminders(db, at("2026-03-09T16:00:00Z"));
    expect((await written(db, a.id, west.id)).offsets).toEqual([-7, -1]);

    // Tokyo's overdue notice comes at 09:00 JST on the 11th, while it is still the 10th in Los Angeles.
    await runReminders(db, at("2026-03-11T00:00:00Z"));
    expect((await written(db, b.id, east.id)).offsets).toEqual([-7, -1, 1]);
    expect((await written(db, a.id, west.id)).offsets).toEqual([-7, -1]);
    await runReminders(db, at("2026-03-11T16:00:00Z"));
    expect((await written(db, a.id, west.id)).offsets).toEqual([-7, -1, 1]);
  });

  it("after missed runs records every due reminder and notifies only the latest; never one due before the assignment", async () => {
    const late = await learner();
    const missed = await assign(late, "2026-03-20", "2026-03-01T10:00:00Z");
    const run = await runReminders(db, at("2026-03-21T12:00:00Z"));
    expect(run).toMatchObject({ written: 3, notified: 1 });
    expect(await written(db, missed.id, late.id)).toMatchObject({
      offsets: [-7, -1, 1],
      notifications: [{ type: "assignment.overdue", payload: { days: 1 } }],
      outbox: [{ template: "assignment.overdue" }],
    });

    // Assigned three days before the deadline: no "7 days before".
    const short = await learner();
    const recent = await assign(short, "2026-04-20", "2026-04-17T10:00:00Z");
    expect(recent.nextReminderAt).toEqual(at("2026-04-19T07:00:00Z")); // CEST
    await runReminders(db, at("2026-04-19T07:00:00Z"));
    expect((await written(db, recent.id, short.id)).offsets).toEqual([-1]);
  });

  it("after the course is completed sends nothing more and drops the reminder mail still queued", async () => {
    const done = await learner();
    const { id } = await assign(done, "2026-03-20", "2026-03-01T10:00:00Z");
    await runReminders(db, at("2026-03-13T08:00:00Z"));
    await db
      .update(assignments)
      .set({ status: "done", completedAt: at("2026-03-13T08:00:30Z") })
      .where(eq(assignments.id, id));

    expect(await runReminders(db, at("2026-03-22T08:00:00Z"))).toMatchObject({ written: 0 });
    const result = await drainOutbox(db, at("2026-03-13T08:01:00Z"));
    expect(result.dropped).toBeGreaterThanOrEqual(1);
    expect(await written(db, id, done.id)).toMatchObject({
      offsets: [-7],
      outbox: [{ sent_at: null, last_error: "assignment no longer open" }],
    });
    expect((await written(db, id, done.id)).outbox[0]!.dropped_at).not.toBeNull();
    expect(await inbox.to(done.email)).toEqual([]);
  });

  it("settles an assignment left open though its course was finished (made while the course was being completed)", async () => {
    const finished = await learner();
    const { id } = await assign(finished, "2026-03-20", "2026-03-01T10:00:00Z");
    await db.execute(sql`insert into course_progress (user_id, course_id, company_id, lessons_done, percent, completed_at)
      values (${finished.id}, ${courseId}, ${companyId}, 1, 100, ${at("2026-03-02T10:00:00Z")})`);
    const run = await runReminders(db, at("2026-03-13T08:00:00Z"));
    expect(run).toMatchObject({ written: 0, notified: 0 });
    expect(run.events.map((event) => [event.event, event.data])).toEqual([["personal.news", { notifications: [], assignments: true }]]);
    const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
    expect(row).toMatchObject({ status: "done", completedAt: at("2026-03-02T10:00:00Z"), nextReminderAt: null });
    expect(await written(db, id, finished.id)).toMatchObject({ offsets: [], notifications: [], outbox: [] });
  });

  it("drops every queued mail about an assignment waived before it went out", async () => {
    const waived = await learner();
    const { id } = await assign(waived, "2026-03-20", "2026-03-01T10:00:00Z");
    await db.execute(
      outboxInsertSql(
        companyId,
        "assignment.assigned",
        sql`(select ${waived.id}::uuid as user_id, ${id}::uuid as assignment_id) as r`,
        sql`${JSON.stringify({ courseTitle: "Fire Safety", courseId, dueOn: "2026-03-20", actorName: "Ada Admin" })}::jsonb`,
        { withAssignment: true, now: at("2026-03-01T10:00:00Z") },
      ),
    );
    await db
      .update(assignments)
      .set({ status: "waived", waivedAt: at("2026-03-01T10:05:00Z"), waivedReason: "removed" })
      .where(eq(assignments.id, id));
    await drainOutbox(db, at("2026-03-01T10:06:00Z"));
    expect((await written(db, id, waived.id)).outbox).toMatchObject([{ sent_at: null, last_error: "assignment waived" }]);
    expect(await inbox.to(waived.email)).toEqual([]);
  });
});

describe("drainOutbox", () => {
  // Each test drains at its own, later clock, so rows other tests left behind are theirs to ignore.
  const messageIdOf = async (assignmentId: string) =>
    (await queryRows<{ message_id: string }>(db, sql`select message_id from mail_outbox where assignment_id = ${assignmentId}`))[0]!
      .message_id;

  it("sends a reminder and an assignment mail with the stored Message-ID, rendered for the recipient now", async () => {
    const lea = await learner("Asia/Tokyo");
    const { id } = await assign(lea, "2026-05-20", "2026-05-01T10:00:00Z");
    await db.execute(
      outboxInsertSql(
        companyId,
        "assignment.assigned",
        sql`(select ${lea.id}::uuid as user_id, ${id}::uuid as assignment_id) as r`,
        sql`${JSON.stringify({ courseTitle: "Fire Safety", courseId, dueOn: "2026-05-20", actorName: "Ada Admin" })}::jsonb`,
        { withAssignment: true, now: at("2026-05-01T10:00:00Z") },
      ),
    );
    await runReminders(db, at("2026-05-13T00:00:00Z"));
    // The person's name changes after queuing: the mail greets them by their current one.
    await db.update(users).set({ name: "Lea Renamed" }).where(eq(users.id, lea.id));

    const result = await drainOutbox(db, at("2026-05-13T00:01:00Z"), { limit: 1_000 });
    expect(result.sent).toBeGreaterThanOrEqual(2);
    const mails = await inbox.waitFor(lea.email, 2);
    const subjects = mails.map((mail) => mail.subject).sort();
    expect(subjects).toEqual(["New mandatory course: Fire Safety", "Reminder: “Fire Safety” is due in 7 days"]);
    const reminder = mails.find((mail) => mail.subject.startsWith("Reminder"))!;
    expect(reminder.text).toContain("Hello Lea Renamed,");
    expect(reminder.text).toContain("The deadline is May 20, 2026, 23:59 your time.");
    expect(reminder.text).toContain(`http://cohort.test/courses/${courseId}`);
    const assigned = mails.find((mail) => mail.subject.startsWith("New"))!;
    expect(assigned.text).toContain("Ada Admin assigned you the mandatory course “Fire Safety” at Acme.");
    const stored = await queryRows<{ message_id: string }>(db, sql`select message_id from mail_outbox where user_id = ${lea.id}`);
    expect(mails.map((mail) => mail.headers["message-id"]).sort()).toEqual(stored.map((row) => row.message_id).sort());
    expect((await written(db, id, lea.id)).outbox.every((row) => row.sent_at !== null)).toBe(true);

    expect(await drainOutbox(db, at("2026-05-13T00:02:00Z"))).toMatchObject({ claimed: 0, sent: 0 });
  });

  it("after a crash between sending and marking sends the same message again after the lease, with the same Message-ID", async () => {
    const lea = await learner();
    const { id } = await assign(lea, "2026-06-20", "2026-06-01T10:00:00Z");
    await runReminders(db, at("2026-06-13T07:00:00Z"));
    const messageId = await messageIdOf(id);
    const start = at("2026-06-13T07:01:00Z");

    // Sent for real, then the sender dies before it can mark the row.
    const crash = await drainOutbox(db, start, {
      limit: 1_000,
      send: async (message) => {
        await smtpSend(message);
        throw new Error("crashed after sending");
      },
    });
    expect(crash.sent).toBe(0);
    await inbox.waitFor(lea.email, 1);
    expect(await drainOutbox(db, new Date(start.getTime() + OUTBOX_LEASE_MS - 1_000))).toMatchObject({ claimed: 0 });

    await drainOutbox(db, new Date(start.getTime() + OUTBOX_LEASE_MS + 1_000), { limit: 1_000 });
    const mails = await inbox.waitFor(lea.email, 2);
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((mail) => mail.headers["message-id"]))).toEqual(new Set([messageId]));
    expect(await written(db, id, lea.id)).toMatchObject({ offsets: [-7], outbox: [{ message_id: messageId, attempts: 2 }] });
    expect((await written(db, id, lea.id)).outbox[0]!.sent_at).not.toBeNull();
  });

  it("gives up after the last attempt, keeping the error", async () => {
    const lea = await learner();
    const { id } = await assign(lea, "2026-07-20", "2026-07-01T10:00:00Z");
    await runReminders(db, at("2026-07-13T07:00:00Z"));
    const refuse = async () => {
      throw new Error("550 mailbox unavailable");
    };
    let now = at("2026-07-13T07:01:00Z").getTime();
    for (let attempt = 0; attempt < 2; attempt++) {
      await drainOutbox(db, new Date(now), { limit: 1_000, maxAttempts: 2, send: refuse });
      now += OUTBOX_LEASE_MS + 1_000;
    }
    expect((await written(db, id, lea.id)).outbox[0]).toMatchObject({ attempts: 2, dropped_at: null });
    await drainOutbox(db, new Date(now), { limit: 1_000, maxAttempts: 2, send: refuse });
    const [row] = (await written(db, id, lea.id)).outbox;
    expect(row).toMatchObject({ attempts: 2, sent_at: null, last_error: "Error: 550 mailbox unavailable (given up)" });
    expect(row!.dropped_at).not.toBeNull();
  });
});

describe("the reminders cron route", () => {
  const previous = process.env.CRON_SECRET;
  afterEach(() => setCronSecret(previous));
  const call = (now: Date, authorization?: string) =>
    handleRemindersCron(
      new Request("http://localhost/api/cron/reminders", { method: "POST", headers: authorization ? { authorization } : {} }),
      db,
      now,
    );

  it("refuses a missing or wrong secret; with it, writes the due reminders and sends their mail", async () => {
    const lea = await learner();
    const { id } = await assign(lea, "2026-08-20", "2026-08-01T10:00:00Z");
    const now = at("2026-08-13T07:00:00Z");
    setCronSecret(TEST_CRON_SECRET);
    expect((await call(now)).status).toBe(401);
    expect((await call(now, `Bearer ${TEST_CRON_SECRET}x`)).status).toBe(401);
    setCronSecret(undefined);
    expect((await call(now, `Bearer ${TEST_CRON_SECRET}`)).status).toBe(401);
    expect((await written(db, id, lea.id)).offsets).toEqual([]);

    setCronSecret(TEST_CRON_SECRET);
    const response = await call(now, `Bearer ${TEST_CRON_SECRET}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { reminders: { written: number; notified: number }; mail: { sent: number } };
    // Other tests' assignments share the database: their due reminders come along.
    expect(body.reminders.notified).toBeGreaterThanOrEqual(1);
    expect(body.mail.sent).toBeGreaterThanOrEqual(1);
    expect(await written(db, id, lea.id)).toMatchObject({ offsets: [-7], notifications: [{ type: "assignment.reminder" }] });
    expect((await inbox.waitFor(lea.email, 1))[0]!.subject).toBe("Reminder: “Fire Safety” is due in 7 days");
  });
});

describe.runIf(env().testDatabaseUrl)("overlapping scheduler runs (PostgreSQL, two connections)", () => {
  let race: RaceDatabase;
  beforeEach(async () => {
    race = await createRaceDatabase();
  });
  afterEach(() => race.close());

  it("split the work: one reminder row, one notification and one outbox row per assignment and day, each mail sent once", async () => {
    const company = await createCompany(race.db, "Race Co");
    const course = await createCourse(race.db, company.id, "Race Course");
    const people = await Promise.all(Array.from({ length: 5 }, () => createPerson(race.db, company.id)));
    const ids = await Promise.all(
      people.map(
        async (person) =>
          (
            await createAssignment(race.db, {
              companyId: company.id,
              userId: person.id,
              courseId: course.id,
              dueOn: "2026-03-20",
              assignedAt: at("2026-03-01T10:00:00Z"),
            })
          ).id,
      ),
    );
    const now = at("2026-03-13T08:00:00Z");
    // Both runs claim their first batch, then queue behind the lock before writing reminders.
    const runs = await withBarrier(race.url!, { text: "lock table assignment_reminders in share row exclusive mode" }, () =>
      Promise.all([runReminders(race.first.db, now, { batchSize: 2 }), runReminders(race.second.db, now, { batchSize: 2 })]),
    );
    expect(runs.every((run) => run.assignments > 0)).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.written, 0)).toBe(5);
    expect(runs.reduce((sum, run) => sum + run.events.length, 0)).toBe(5);
    for (const [index, id] of ids.entries()) {
      expect(await written(race.db, id, people[index]!.id)).toMatchObject({
        offsets: [-7],
        notifications: [{ type: "assignment.reminder" }],
        outbox: [{ template: "assignment.reminder" }],
      });
    }

    // Two senders at once: each message claimed by one of them, sent once.
    const drains = await withBarrier(race.url!, { text: "lock table mail_outbox in share row exclusive mode" }, () =>
      Promise.all([drainOutbox(race.first.db, now), drainOutbox(race.second.db, now)]),
    );
    expect(drains.reduce((sum, drain) => sum + drain.sent, 0)).toBe(5);
    for (const person of people) expect(await inbox.waitFor(person.email, 1)).toHaveLength(1);
    const [outbox] = await queryRows<{ sent: number; attempts: number }>(
      race.db,
      sql`select count(*) filter (where sent_at is not null)::int as sent, sum(attempts)::int as attempts from mail_outbox`,
    );
    expect(outbox).toEqual({ sent: 5, attempts: 5 });
  });
});
