import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupMembers, importJobs, importRows, learningGroups, membershipEvents, notifications, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createDepartment, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { applyImport, confirmImport } from "./confirm";
import { STALLED_AFTER_MS } from "./progress";
import { listImportJobs, readImportJob } from "./queries";
import { STAGE_CHUNK_ROWS, startImport } from "./staging";

let handle: TestDatabase;
let hr: TestPerson;
let learner: TestPerson;
let acmeId: string;
let stranger: TestPerson;
let onboarding: { id: string; name: string };
let otherCompanyGroup: { id: string; name: string };

const header = "email,name,department,manager_email,groups";

/** Uploads and runs the job to its end (invalid or ready), as the route's `after()` does. */
async function upload(text: string, onChunk?: (staged: number) => void) {
  const started = await startImport(handle.db, hr, { fileName: "people.csv", text }, { onChunk });
  await started.run();
  return readImportJob(handle.db, hr, started.job.id);
}

async function importAll(text: string) {
  const job = await upload(text);
  expect(job.status).toBe("ready");
  await confirmImport(handle.db, hr, job.id);
  const committed = await applyImport(handle.db, hr, job.id);
  return { job: await readImportJob(handle.db, hr, job.id), committed };
}

const counts = async () => {
  const [people] = await handle.db.select({ n: count() }).from(users);
  const [members] = await handle.db.select({ n: count() }).from(groupMembers);
  const [events] = await handle.db.select({ n: count() }).from(membershipEvents);
  // What people were told: notification rows and memberships announcing an add.
  const [rows] = await handle.db.select({ n: count() }).from(notifications);
  const [announced] = await handle.db.select({ n: count() }).from(groupMembers).where(eq(groupMembers.announced, true));
  const [named] = await handle.db
    .select({ names: sql<string>`string_agg(name || coalesce(manager_id::text, ''), ',' order by id)` })
    .from(users);
  return { people: people!.n, members: members!.n, events: events!.n, notes: rows!.n + announced!.n, named: named!.names };
};

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  acmeId = acme.id;
  const globex = await createCompany(handle.db, "Globex");
  hr = await createPerson(handle.db, acme.id, { roles: ["hr"], name: "Hana HR", email: "hana.hr@import.example" });
  learner = await createPerson(handle.db, acme.id, { name: "Lena Learner", email: "lena@import.example" });
  await createDepartment(handle.db, acme.id, "Sales");
  await createDepartment(handle.db, globex.id, "Globex Ops");
  const admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin" });
  onboarding = await createGroup(handle.db, admin, { name: "Onboarding Q1", visibility: "private" });
  const archived = await createGroup(handle.db, admin, { name: "Old Wave" });
  await handle.db.update(learningGroups).set({ archivedAt: new Date() }).where(eq(learningGroups.id, archived.id));
  const globexAdmin = await createPerson(handle.db, globex.id, { roles: ["admin"] });
  stranger = await createPerson(handle.db, globex.id, { email: "gary@globex-import.example" });
  otherCompanyGroup = await createGroup(handle.db, globexAdmin, { name: "Globex Wave" });
  await createPerson(handle.db, acme.id, { name: "Gone", email: "gone@import.example", deactivated: true });
});

afterAll(async () => {
  await handle.close();
});

describe("validation", () => {
  it("reports every problem with its row number, column, value and message, and stages nothing", async () => {
    const job = await upload(
      [
        header,
        ",No Email,,,",
        "not-an-email,Bad Email,,,",
        "dup@import.example,First,,,",
        "DUP@import.example,Second,,,",
        `${stranger.email},Clash,,,`,
        "gone@import.example,Gone Again,,,",
        "nodept@import.example,No Dept,Marketing,,",
        "globexdept@import.example,Other Dept,Globex Ops,,",
        `othergroup@import.example,Other Group,,,${otherCompanyGroup.id}`,
        "archived@import.example,Archived Group,,,Old Wave",
        "nomanager@import.example,No Manager,,nobody@import.example,",
        "self@import.example,Self,,self@import.example,",
        `long@import.example,${"x".repeat(201)},,,`,
        "noname@import.example,,,,",
        "short@import.example,Short",
      ].join("\n"),
    );
    expect(job.status).toBe("invalid");
    expect(job.problems).toEqual([
      { row: 2, field: "email", message: "emailMissing" },
      { row: 3, field: "email", value: "not-an-email", message: "emailInvalid" },
      { row: 5, field: "email", value: "dup@import.example", message: "emailDuplicate" },
      { row: 7, field: "email", value: "gone@import.example", message: "personDeactivated" },
      { row: 8, field: "department", value: "Marketing", message: "departmentNotFound" },
      { row: 9, field: "department", value: "Globex Ops", message: "departmentNotFound" },
      { row: 10, field: "groups", value: otherCompanyGroup.id, message: "groupNotFound" },
      { row: 11, field: "groups", value: "Old Wave", message: "groupNotFound" },
      { row: 12, field: "manager_email", value: "nobody@import.example", message: "managerNotFound" },
      { row: 13, field: "manager_email", value: "self@import.example", message: "managerSelf" },
      { row: 14, field: "name", value: `${"x".repeat(60)}…`, message: "nameTooLong" },
      { row: 15, field: "name", message: "nameMissing" },
      { row: 16, message: "columnCount" },
    ]);
    expect(job.problemCount).toBe(13);
    const [staged] = await handle.db.select({ n: count() }).from(importRows).where(eq(importRows.jobId, job.id));
    expect(staged!.n).toBe(0);
  });

  it("never names the other company: its address reads as a new one, its group as not found", async () => {
    const job = await upload(`${header}\n${stranger.email},X,,,Globex Wave`);
    expect(job.problems).toEqual([{ row: 2, field: "groups", value: "Globex Wave", message: "groupNotFound" }]);
    // The file's own words come back as its problem's value; nothing of the other company's.
    expect(JSON.stringify(job).replaceAll("Globex Wave", "")).not.toContain("Globex");
  });

  it("reports a missing or unknown header column as row 1", async () => {
    const job = await upload("mail,name,team\na@import.example,A,B");
    expect(job.status).toBe("invalid");
    expect(job.problems).toEqual([
      { row: 1, field: "mail", message: "columnUnknown" },
      { row: 1, field: "team", message: "columnUnknown" },
      { row: 1, field: "email", message: "columnMissing" },
    ]);
  });

  it("a BOM file with a NUL byte and a NUL in its name: the row with the NUL is named, nothing fails", async () => {
    const job = await upload(`\uFEFF${header}\r\nnul.ok@import.example,Nul Ok,,,\r\nnul.bad@import.example,Nu\u0000l,,,\r\n`);
    expect(job).toMatchObject({
      status: "invalid",
      fileName: "people.csv",
      problems: [{ row: 3, field: "name", value: "Nu\\u0000l", message: "textNul" }],
    });
    const named = await startImport(handle.db, hr, {
      fileName: "pe\u0000ople\u202E.csv",
      text: `${header}\nnul.name@import.example,Nul Name,,,\n`,
    });
    await named.run();
    // Positive control: the same upload without the NUL row is ready to apply.
    expect(await readImportJob(handle.db, hr, named.job.id)).toMatchObject({ status: "ready", fileName: "people.csv" });
  });

  it("refuses people who are not HR staff or admins", async () => {
    await expect(startImport(handle.db, learner, { fileName: "x.csv", text: `${header}\n` })).rejects.toThrow(AppError);
  });
});

describe("applying", () => {
  it("creates, updates and adds memberships as previewed; the same file again changes nothing", async () => {
    const file = [
      header,
      `new.one@import.example,New One,Sales,${learner.email},Onboarding Q1`,
      `new.two@import.example,New Two,,new.one@import.example,${onboarding.id}`,
      `${learner.email},Lena Renamed,sales,,onboarding q1`,
    ].join("\r\n");
    const before = await counts();
    const preview = await upload(`\uFEFF${file}`);
    expect(preview.summary).toEqual({ created: 2, updated: 1, unchanged: 0, memberships: 3 });
    await confirmImport(handle.db, hr, preview.id);
    const committed = await applyImport(handle.db, hr, preview.id);
    expect(committed.result).toEqual({ created: 2, updated: 1, unchanged: 0, memberships: 3 });
    const done = await readImportJob(handle.db, hr, preview.id);
    expect(done.status).toBe("done");

    const people = await handle.db
      .select()
      .from(users)
      .where(sql`${users.email} like 'new.%@import.example'`)
      .orderBy(users.email);
    expect(people.map((p) => [p.name, p.companyId, p.passwordHash])).toEqual([
      ["New One", acmeId, null],
      ["New Two", acmeId, null],
    ]);
    expect(people[0]!.managerId).toBe(learner.id);
    expect(people[1]!.managerId).toBe(people[0]!.id);
    const members = await handle.db.select().from(groupMembers).where(eq(groupMembers.groupId, onboarding.id));
    expect(members.map((m) => m.source)).toEqual(["import", "import", "import"]);
    const after = await counts();
    expect(after.events - before.events).toBe(3);
    expect(after.notes - before.notes).toBe(3);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, preview.id));
    expect(audit).toMatchObject({ actorKind: "hr", actorId: hr.id, action: "hr.import_applied" });
    expect(committed.events?.length).toBe(2);

    // The same content again: nothing to change, recognised as the same file, and nothing changes on Confirm.
    const again = await importAll(`\uFEFF${file}`);
    expect(again.committed.result).toEqual({ created: 0, updated: 0, unchanged: 3, memberships: 0 });
    expect(again.job.sameFileImportedAt).not.toBeNull();
    expect(await counts()).toEqual({ ...after });
  });

  it("is all or nothing: a group filled meanwhile leaves people, memberships, ledger and notifications as they were", async () => {
    const admin = await createPerson(handle.db, acmeId, { roles: ["admin"] });
    const small = await createGroup(handle.db, admin, { name: "Small Wave", maxMembers: 2 });
    const job = await upload([header, "a.small@import.example,A,,,Small Wave", "b.small@import.example,B,,,Small Wave"].join("\n"));
    expect(job.status).toBe("ready");
    // Meanwhile someone takes a place.
    await handle.db
      .insert(groupMembers)
      .values({ groupId: small.id, userId: learner.id, companyId: acmeId, addedBy: admin.id, source: "individual" });
    const before = await counts();
    await confirmImport(handle.db, hr, job.id);
    const failure = await applyImport(handle.db, hr, job.id).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "import_group_full", values: { name: "Small Wave", left: 1, max: 2, selected: 2 } });
    expect(await counts()).toEqual(before);
    const failed = await readImportJob(handle.db, hr, job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({ code: "import_group_full", values: { name: "Small Wave", left: 1, max: 2, selected: 2 } });
    // Applied once only: the failed job cannot be confirmed again.
    await expect(confirmImport(handle.db, hr, job.id)).rejects.toMatchObject({ code: "import_not_ready" });
  });

  it("stops when an address is taken by another company between the preview and Confirm", async () => {
    const job = await upload(`${header}\nlate.clash@import.example,Late,,,`);
    const globexId = (await handle.db.select({ companyId: users.companyId }).from(users).where(eq(users.id, stranger.id)))[0]!.companyId;
    await createPerson(handle.db, globexId, { email: "late.clash@import.example" });
    await confirmImport(handle.db, hr, job.id);
    await expect(applyImport(handle.db, hr, job.id)).rejects.toMatchObject({ code: "import_email_unavailable", values: { row: 2 } });
  });

  it("a job a restart cut off while applying reads as stalled, and the read changes nothing", async () => {
    const job = await upload(`${header}\ncut.off@import.example,Cut Off,,,Onboarding Q1`);
    await confirmImport(handle.db, hr, job.id);
    // The process died before its final transaction committed: the job stays claimed, nothing else changed.
    const before = await counts();
    const row = () => handle.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    const stored = await row();
    const soon = new Date(Date.now() + 60_000);
    expect(await readImportJob(handle.db, hr, job.id, soon)).toMatchObject({ status: "applying", stalled: false });
    const later = new Date(Date.now() + STALLED_AFTER_MS + 60_000);
    expect(await readImportJob(handle.db, hr, job.id, later)).toMatchObject({ status: "applying", stalled: true, error: null });
    expect((await listImportJobs(handle.db, hr, 20, later)).find((listed) => listed.id === job.id)).toMatchObject({ stalled: true });
    // Reads only: the job's row is as it was (the scheduler settles it: lib/cron/imports.int.test.ts).
    expect(await row()).toEqual(stored);
    expect(await counts()).toEqual(before);
  });

  it("another company's job is not found", async () => {
    const job = await upload(`${header}\nfor.acme@import.example,For Acme,,,`);
    await expect(readImportJob(handle.db, stranger, job.id)).rejects.toMatchObject({ code: "forbidden" });
    const globexHr = { ...stranger, roles: ["hr" as const] };
    await expect(readImportJob(handle.db, globexHr, job.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(confirmImport(handle.db, globexHr, job.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("progress and size", () => {
  it("stages in chunks, each committed with the job's progress; 5,000 rows with memberships apply in one go", async () => {
    const rows = 5_000;
    const lines = Array.from({ length: rows }, (_, i) => `bulk.${i}@import.example,Bulk ${i},Sales,,Onboarding Q1`);
    const seen: number[] = [];
    const started = await startImport(
      handle.db,
      hr,
      { fileName: "bulk.csv", text: [header, ...lines].join("\n") },
      {
        onChunk: async () => {
          // Read back what is committed, as the page's poll does.
          const [job] = await handle.db
            .select({ staged: importJobs.stagedRows })
            .from(importJobs)
            .where(eq(importJobs.fileName, "bulk.csv"));
          seen.push(job!.staged);
        },
      },
    );
    await started.run();
    expect(seen).toEqual(Array.from({ length: rows / STAGE_CHUNK_ROWS }, (_, i) => (i + 1) * STAGE_CHUNK_ROWS));
    await confirmImport(handle.db, hr, started.job.id);
    const { result } = await applyImport(handle.db, hr, started.job.id);
    expect(result).toEqual({ created: rows, updated: 0, unchanged: 0, memberships: rows });
    const [members] = await handle.db
      .select({ n: count() })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, onboarding.id), eq(groupMembers.source, "import")));
    expect(members!.n).toBeGreaterThanOrEqual(rows);
  }, 60_000);

  it("refuses a file over the row limit before storing anything", async () => {
    const text = [header, ...Array.from({ length: 50_001 }, (_, i) => `x${i}@import.example,X,,,`)].join("\n");
    await expect(startImport(handle.db, hr, { fileName: "big.csv", text })).rejects.toMatchObject({ code: "import_too_many_rows" });
    const [jobs] = await handle.db.select({ n: count() }).from(importJobs).where(eq(importJobs.fileName, "big.csv"));
    expect(jobs!.n).toBe(0);
  });
});
