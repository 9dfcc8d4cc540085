import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * The mails that go through the outbox, each rendered at send time from its payload in the recipient's
 * locale. `account.invitation` (payload `{ inviterId }`) carries a one-time link, issued only then.
 */
export type OutboxTemplate = "assignment.assigned" | "assignment.reminder" | "assignment.overdue" | "account.invitation";

/**
 * The INSERT that queues one mail per recipient, inside the transaction that caused it. `recipients`
 * is a relation of the same statement with `user_id` (and `assignment_id` when `withAssignment`), and
 * `payload` an expression over it (jsonb), so a batch of 10,000 never travels through Node.
 * `companyId` is one company's id, or (for the scheduler, whose batch spans companies) an expression
 * over `recipients`.
 */
export function outboxInsertSql(
  companyId: string | SQL,
  template: OutboxTemplate,
  recipients: SQL,
  payload: SQL,
  options: { withAssignment?: boolean; now: Date },
): SQL {
  const assignment = options.withAssignment ? sql`assignment_id` : sql`null::uuid`;
  return sql`insert into mail_outbox (company_id, user_id, template, payload, assignment_id, created_at)
    select ${companyId}, user_id, ${template}, ${payload}, ${assignment}, ${options.now}
    from ${recipients}`;
}
