import "server-only";
import { readTransaction } from "@/db/read-transaction";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/db/client";
import { withCompany } from "@/db/company";
import { issueQueuedInvitation } from "@/lib/account-links/invitations";
import { env } from "@/base/env";
import { log } from "@/base/log";
import type { OutgoingMail } from "@/lib/mail/send";
import { type AssignmentMailKind, assignmentMail } from "@/lib/mail/templates";
import { mailTransport } from "@/lib/mail/transport";
import type { OutboxTemplate } from "./queue";

/** How long a sender holds the rows it claimed: a crashed run's rows are sent again after this. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
/** Attempts before a mail is given up on (dropped, with its last error logged). */
export const OUTBOX_MAX_ATTEMPTS = 5;

export type DrainOptions = {
  /** Rows claimed in this run. */
  limit?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Hands one message to the mail server; the SMTP transport unless another is given. */
  send?: (message: OutgoingMail & { messageId: string }) => Promise<void>;
};

export type DrainResult = { claimed: number; sent: number; failed: number; dropped: number };

type ClaimedRow = {
  id: string;
  message_id: string;
  template: OutboxTemplate;
  attempts: number;
  user_id: string;
  created_at: Date | string;
  name: string;
  email: string;
  locale: string;
  time_zone: string;
  company: string;
  course_id: string | null;
  course_title: string | null;
  due_on: string | null;
  payload: Record<string, unknown>;
};

const reminderTemplates: readonly OutboxTemplate[] = ["assignment.reminder", "assignment.overdue"];

/** The default sender: the SMTP transport, with the row's Message-ID as the header. */
export async function smtpSend(message: OutgoingMail & { messageId: string }): Promise<void> {
  await mailTransport().sendMail({ from: env().mail.from, ...message });
}

/**
 * Sends what the outbox holds, at least once: claims pending rows under a lease and commits, sends
 * each with its stored Message-ID, then marks it sent. A crash between sending and marking leaves the
 * lease to expire, and the next run sends the same message again with the same Message-ID, which
 * mail clients show once. Overlapping runs claim different rows (`skip locked`). The recipient's
 * address, name, language and time zone are read now, not when the mail was queued.
 *
 * An invitation's link is issued as it is rendered, in a small transaction of its own that commits
 * before the mail leaves (so the link works when it arrives) and records the token's id in the row's
 * payload. Its resending after such a crash is therefore not the same message byte for byte: the
 * retry issues a new link and the earlier one stops working (`expireOpenTokens`), under the SAME
 * Message-ID. A client that keeps only the first of two messages with one Message-ID keeps a dead
 * link; the set-password page then says the link has expired, and an admin's "Resend invitation" or
 * "Forgot password" gives a new one. The alternative, storing the link to resend it as it was, would
 * leave a usable secret in the table.
 */
export async function drainOutbox(db: Database, now: Date, options: DrainOptions = {}): Promise<DrainResult> {
  const total: DrainResult = { claimed: 0, sent: 0, failed: 0, dropped: 0 };
  let left = options.limit ?? 100;
  // Each company's rows are behind its wall: the scheduler's lookup (migration 0021) names the
  // companies with mail waiting, and each is drained as itself, until the run's limit is used.
  const companies = await queryRows<{ id: string }>(db, sql`select id from scheduler_outbox_companies(${now}) as id`);
  for (const { id } of companies) {
    if (left <= 0) break;
    const drained = await drainCompanyOutbox(withCompany(db, id), now, { ...options, limit: left });
    for (const key of Object.keys(total) as (keyof DrainResult)[]) total[key] += drained[key];
    left -= drained.claimed;
  }
  return total;
}

/** One company's outbox (`db` bound to it), as `drainOutbox` describes. */
async function drainCompanyOutbox(db: Database, now: Date, options: DrainOptions): Promise<DrainResult> {
  const { limit = 100, leaseMs = OUTBOX_LEASE_MS, maxAttempts = OUTBOX_MAX_ATTEMPTS, send = smtpSend } = options;
  const available = sql`o.sent_at is null and o.dropped_at is null and (o.claimed_until is null or o.claimed_until < ${now})`;

  // Completing the course cancels the reminders left, a waived assignment every mail about it; a mail
  // tried too often is given up.
  const reminder = sql`o.template in (${sql.join(
    reminderTemplates.map((template) => sql`${template}`),
    sql`, `,
  )})`;
  const dropped = await queryRows<{ id: string; template: string; last_error: string | null }>(
    db,
    sql`update mail_outbox o
        set dropped_at = ${now},
            last_error = case when o.attempts >= ${maxAttempts} then coalesce(o.last_error, 'no answer') || ' (given up)'
                              when a.status = 'waived' then 'assignment waived'
                              else 'assignment no longer open' end
        from mail_outbox target
        left join assignments a on a.id = target.assignment_id
        where target.id = o.id and ${available}
          and (o.attempts >= ${maxAttempts} or a.status = 'waived' or (${reminder} and a.status is distinct from 'open'))
        returning o.id, o.template, o.last_error`,
  );
  for (const row of dropped) {
    if (row.last_error?.endsWith("(given up)"))
      log.error("mail given up", { id: row.id, template: row.template, lastError: row.last_error });
  }

  const claimed = await queryRows<ClaimedRow>(
    db,
    sql`with picked as (
          select o.id from mail_outbox o
          where ${available}
          order by o.created_at
          limit ${limit}
          for update skip locked
        ),
        claimed as (
          update mail_outbox o
          set claimed_until = ${new Date(now.getTime() + leaseMs)}, attempts = o.attempts + 1
          from picked where o.id = picked.id
          returning o.*
        )
        select o.id, o.message_id, o.template, o.attempts, o.payload, o.user_id, o.created_at,
               u.name, u.email, coalesce(u.locale, c.default_locale) as locale,
               coalesce(u.time_zone, c.default_time_zone) as time_zone, c.name as company,
               co.id as course_id, co.title as course_title, to_char(a.due_on, 'YYYY-MM-DD') as due_on
        from claimed o
        join users u on u.id = o.user_id
        join companies c on c.id = o.company_id
        left join assignments a on a.id = o.assignment_id
        left join courses co on co.id = coalesce(a.course_id, (o.payload ->> 'courseId')::uuid)
        order by o.created_at`,
  );

  const result: DrainResult = { claimed: claimed.length, sent: 0, failed: 0, dropped: dropped.length };
  for (const row of claimed) {
    try {
      const message = await renderOutboxMail(db, row, now);
      if (!message) {
        result.dropped++;
        continue;
      }
      await send({ ...message, messageId: row.message_id });
    } catch (error) {
      result.failed++;
      log.warn("mail not sent; tried again after the lease", { id: row.id, attempts: row.attempts, error });
      await db.execute(sql`update mail_outbox set last_error = ${String(error)} where id = ${row.id}`);
      continue;
    }
    // Marked one by one: a crash later in the run repeats only the messages not yet marked.
    await db.execute(sql`update mail_outbox set sent_at = ${now}, last_error = null where id = ${row.id}`);
    result.sent++;
  }
  return result;
}

/** A claimed row's message, or null when the row was dropped instead. */
function renderOutboxMail(db: Database, row: ClaimedRow, now: Date): Promise<OutgoingMail | null> {
  if (row.template === "account.invitation") return renderInvitation(db, row, now);
  const payload = row.payload;
  const courseId = row.course_id ?? String(payload.courseId ?? "");
  return assignmentMail({
    kind: row.template.slice("assignment.".length) as AssignmentMailKind,
    recipient: { name: row.name, email: row.email, locale: row.locale, timeZone: row.time_zone },
    company: row.company,
    courseTitle: row.course_title ?? String(payload.courseTitle ?? ""),
    dueOn: row.due_on ?? String(payload.dueOn ?? ""),
    days: Number(payload.days ?? 0),
    actorName: typeof payload.actorName === "string" ? payload.actorName : undefined,
    link: `${env().appUrl}/courses/${courseId}`,
  });
}

/**
 * An invitation: a new link for the person and the mail that carries it, in one transaction with the
 * token's id written to the row (so a later attempt knows the link it replaces). A person who has
 * meanwhile chosen a password, been deactivated or been invited again gets nothing: the row is
 * dropped with the reason.
 */
async function renderInvitation(db: Database, row: ClaimedRow, now: Date): Promise<OutgoingMail | null> {
  const { inviterId, tokenId } = row.payload;
  return readTransaction(db, async (tx) => {
    const outcome = await issueQueuedInvitation(tx, {
      userId: row.user_id,
      inviterId: typeof inviterId === "string" ? inviterId : null,
      queuedAt: new Date(row.created_at),
      ownTokenId: typeof tokenId === "string" ? tokenId : null,
    });
    if ("skipped" in outcome) {
      await tx.execute(sql`update mail_outbox set dropped_at = ${now}, last_error = ${outcome.skipped} where id = ${row.id}`);
      return null;
    }
    await tx.execute(
      sql`update mail_outbox set payload = payload || jsonb_build_object('tokenId', ${outcome.tokenId}::text) where id = ${row.id}`,
    );
    return outcome.mail;
  });
}
