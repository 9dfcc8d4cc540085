import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { accountTokens, groupMembers, users } from "@/db/schema";
import { requestPasswordReset } from "@/lib/accounts/operations/send-reset-link";
import { resendInvitation } from "@/lib/accounts/operations/resend-invitation";
import { setPasswordWithToken } from "@/lib/accounts/operations/spend-link";
import { hashToken } from "@/lib/account-links/tokens";
import { drainOutbox, OUTBOX_LEASE_MS, smtpSend } from "@/lib/outbox/drain";
import { sendMail } from "@/lib/mail/send";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { mailbox, tokenIn } from "@/tests/mailbox";
import { testPorts } from "@/tests/ports";
import { applyImport, confirmImport } from "./confirm";
import { readImportJob } from "./queries";
import { startImport } from "./staging";

const inbox = mailbox(`http://127.0.0.1:${testPorts.integrationMailWeb}/api`);
const PASSWORD = "a long enough secret";
const header = "email,name,department,manager_email,groups";

let handle: TestDatabase;
let hr: TestPerson;
let admin: TestPerson;
let companyId: string;

/** Addresses of this run only: MailDev is shared by every test file of the tier. */
const addresses = (count: number) => {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: count }, (_, i) => `invitee.${i}.${run}@invite.example`);
};

/** Uploads, confirms and applies a file of new people (the route's steps); answers the job and what the apply did or threw. */
async function importPeople(emails: string[], groups = "") {
  const text = [header, ...emails.map((email, i) => `${email},Invitee ${i},,,${groups}`)].join("\n");
  const started = await startImport(handle.db, hr, { fileName: "invitees.csv", text });
  await started.run();
  expect((await readImportJob(handle.db, hr, started.job.id)).status).toBe("ready");
  await confirmImport(handle.db, hr, started.job.id);
  const outcome = await applyImport(handle.db, hr, started.job.id).then(
    (committed) => ({ committed, error: null }),
    (error: unknown) => ({ committed: null, error }),
  );
  return { jobId: started.job.id, ...outcome };
}

const idsOf = async (emails: string[]) =>
  (await handle.db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails))).map((row) => row.id);

type OutboxRow = {
  user_id: string;
  template: string;
  payload: Record<string, unknown>;
  message_id: string;
  attempts: number;
  sent_at: Date | null;
  dropped_at: Date | null;
  last_error: string | null;
};
const outboxOf = (userIds: string[]) =>
  queryRows<OutboxRow>(
    handle.db,
    sql`select user_id, template, payload, message_id, attempts, sent_at, dropped_at, last_error from mail_outbox
        where user_id in (select jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb)::uuid)`,
  );

const setPassword = (token: string) => setPasswordWithToken(handle.db, { token, password: PASSWORD, confirmPassword: PASSWORD }, null);

beforeAll(async () => {
  handle = await createTestDatabase();
  companyId = (await createCompany(handle.db, "Acme")).id;
  hr = await createPerson(handle.db, companyId, { roles: ["hr"], name: "Hana HR", email: `hana.${randomUUID()}@invite.example` });
  admin = await createPerson(handle.db, companyId, { roles: ["admin"], name: "Dana Admin" });
});
afterAll(() => handle.close());

describe("invitations for the people an import creates", () => {
  it("are queued by the import's transaction, one per person created (none when it fails), and sent with working links", async () => {
    const existing = await createPerson(handle.db, companyId, { name: "Old Name", email: addresses(1)[0] });
    const emails = addresses(3);
    const { committed, error } = await importPeople([...emails, existing.email]);
    expect(error).toBeNull();
    expect(committed!.result).toMatchObject({ created: 3, updated: 1 });
    expect(committed!.outbox).toBe(true);
    const created = await idsOf(emails);
    const queued = await outboxOf([...created, existing.id]);
    expect(queued).toHaveLength(3);
    expect(queued.map((row) => row.user_id).sort()).toEqual([...created].sort());
    for (const row of queued) expect(row).toMatchObject({ template: "account.invitation", payload: { inviterId: hr.id }, sent_at: null });
    // No link exists before the mail is sent.
    expect(await handle.db.$count(accountTokens, inArray(accountTokens.userId, created))).toBe(0);

    // A file that fails (its group filled up meanwhile) creates nobody and queues nothing.
    const small = await createGroup(handle.db, admin, { name: `Small ${randomUUID()}`, maxMembers: 1 });
    const failing = addresses(2);
    const failed = await importPeople(failing, small.name);
    expect(failed.error).toMatchObject({ code: "import_group_full" });
    expect(await idsOf(failing)).toEqual([]);
    expect(await handle.db.$count(groupMembers, eq(groupMembers.groupId, small.id))).toBe(0);
    const [pending] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from mail_outbox where sent_at is null and dropped_at is null`,
    );
    expect(pending!.n).toBe(3);

    const drained = await drainOutbox(handle.db, new Date(), { limit: 1_000 });
    expect(drained).toMatchObject({ claimed: 3, sent: 3, failed: 0, dropped: 0 });
    const sent = await outboxOf(created);
    for (const [index, email] of emails.entries()) {
      const [mail] = await inbox.waitFor(email, 1);
      expect(mail!.subject).toBe("Hana HR invited you to Acme on Cohort");
      expect(mail!.text).toContain(`Hello Invitee ${index},`);
      const token = tokenIn(mail!);
      // The row names the link's record, never the link: the token is stored hashed only.
      const [issued] = await handle.db
        .select()
        .from(accountTokens)
        .where(eq(accountTokens.tokenHash, hashToken(token)));
      expect(issued).toMatchObject({ purpose: "invitation", createdBy: hr.id, usedAt: null });
      const row = sent.find((candidate) => candidate.payload.tokenId === issued!.id)!;
      expect(row.user_id).toBe(issued!.userId);
      expect(row.sent_at).not.toBeNull();
      expect(mail!.headers["message-id"]).toBe(row.message_id);
      expect(JSON.stringify(row)).not.toContain(token);
      expect(await setPassword(token)).toEqual({ email });
    }
    expect(await drainOutbox(handle.db, new Date())).toMatchObject({ claimed: 0, sent: 0 });
  });

  it("are dropped for a person who chose a password, was deactivated or was invited again before the mail went out", async () => {
    const [withPassword, deactivated, reinvited, plain] = addresses(4) as [string, string, string, string];
    const { error } = await importPeople([withPassword, deactivated, reinvited, plain]);
    expect(error).toBeNull();
    const id = async (email: string) => (await idsOf([email]))[0]!;

    // One used "Forgot password" first; HR deactivated another; an admin resent the third's invitation.
    const reset = await requestPasswordReset(handle.db, withPassword);
    expect(await sendMail(reset.mail ?? [])).toBe(1);
    await setPassword(tokenIn((await inbox.waitFor(withPassword, 1))[0]!));
    await deactivatePerson(handle.db, admin, { personId: await id(deactivated), operationId: opId() });
    const resent = await resendInvitation(handle.db, admin, { userId: await id(reinvited), operationId: opId() });
    expect(await sendMail(resent.mail ?? [])).toBe(1);
    const [adminMail] = await inbox.waitFor(reinvited, 1);

    const drained = await drainOutbox(handle.db, new Date(), { limit: 1_000 });
    expect(drained).toMatchObject({ claimed: 4, sent: 1, dropped: 3 });
    const reasons = new Map((await outboxOf(await idsOf([withPassword, deactivated, reinvited, plain]))).map((row) => [row.user_id, row]));
    expect(reasons.get(await id(withPassword))).toMatchObject({ sent_at: null, last_error: "password already set" });
    expect(reasons.get(await id(deactivated))).toMatchObject({ sent_at: null, last_error: "person deactivated" });
    expect(reasons.get(await id(reinvited))).toMatchObject({ sent_at: null, last_error: "invited again meanwhile" });
    for (const email of [withPassword, deactivated, reinvited]) expect(reasons.get(await id(email))!.dropped_at).not.toBeNull();
    expect(reasons.get(await id(plain))!.sent_at).not.toBeNull();

    // Nobody got a second mail; the admin's link still works.
    await inbox.waitFor(plain, 1);
    expect(await inbox.to(withPassword)).toHaveLength(1);
    expect(await inbox.to(deactivated)).toHaveLength(0);
    expect(await inbox.to(reinvited)).toHaveLength(1);
    expect(await setPassword(tokenIn(adminMail!))).toEqual({ email: reinvited });
  });

  it("after a crash between sending and marking are sent again after the lease, same Message-ID, and the second link works", async () => {
    const [email] = addresses(1) as [string];
    expect((await importPeople([email])).error).toBeNull();
    const [userId] = await idsOf([email]);
    const [{ message_id: messageId }] = (await outboxOf([userId!])) as [OutboxRow];
    const start = new Date();

    // Delivered for real, then the sender dies before it can mark the row.
    const crash = await drainOutbox(handle.db, start, {
      limit: 1_000,
      send: async (message) => {
        await smtpSend(message);
        throw new Error("crashed after sending");
      },
    });
    expect(crash).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    const [first] = await inbox.waitFor(email, 1);
    expect(await drainOutbox(handle.db, new Date(start.getTime() + OUTBOX_LEASE_MS - 1_000))).toMatchObject({ claimed: 0 });

    const retry = await drainOutbox(handle.db, new Date(start.getTime() + OUTBOX_LEASE_MS + 1_000), { limit: 1_000 });
    expect(retry).toMatchObject({ claimed: 1, sent: 1, dropped: 0 });
    const mails = await inbox.waitFor(email, 2);
    expect(mails.map((mail) => mail.headers["message-id"])).toEqual([messageId, messageId]);
    const second = mails.find((mail) => mail.id !== first!.id)!;
    expect(tokenIn(second)).not.toBe(tokenIn(first!));
    const [row] = await outboxOf([userId!]);
    expect(row).toMatchObject({ message_id: messageId, attempts: 2, last_error: null });
    expect(row!.sent_at).not.toBeNull();

    // The first link was replaced by the second, which works.
    await expect(setPassword(tokenIn(first!))).rejects.toMatchObject({ code: "accounts.errors.linkExpired" });
    expect(await setPassword(tokenIn(second))).toEqual({ email });
  });
});
