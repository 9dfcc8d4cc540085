import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { AuditEntry } from "@/lib/operations/kernel";
import type { Ctx } from "@/lib/auth/viewer";
import { currentTime } from "@/base/clock";
import { AppError } from "@/lib/errors";

/**
 * Which addresses a company may give its people. Emails are unique across the product, and an
 * address on a domain another company registered (`company_domains`, what its single sign-on trusts)
 * is that company's: creating a person there would block its invitations and its SSO. Both are
 * refused on every path that creates people (admins' invitations, HR's new hire, the import, the API),
 * and neither answer ever names the other company.
 *
 * An invitation answers at once whether its address "cannot be used", so every refusal is audited
 * (`ADDRESS_REFUSED`, written after the failed transaction) and counted: past
 * `ADDRESS_REFUSALS_PER_HOUR` refusals in an hour a person (or their API key) invites nobody until the
 * oldest leaves the hour, so the answer cannot be used to probe the product's accounts. The import's
 * check step never distinguishes another company's address from a new one; Confirm fails on it,
 * naming the row, audited and counted the same way.
 */

export const ADDRESS_REFUSED = "person.address_refused";
export const ADDRESS_REFUSALS_PER_HOUR = 20;
const WINDOW_MS = 60 * 60_000;
/** A literal, not a parameter, so that a generic plan still matches the partial index (`audit_log_address_refused_idx`). */
const REFUSED_LITERAL = sql.raw(`'${ADDRESS_REFUSED}'`);

export type AddressRefusal = "email_unavailable" | "email_domain_foreign";

/** `email` (an SQL text expression) is on a domain registered to a company other than `companyId`. */
export const foreignDomainSql = (companyId: string, email: SQL): SQL<boolean> =>
  sql<boolean>`address_on_other_domain(${companyId}::uuid, ${email})`;

/**
 * `email` (an SQL text expression) belongs to a person of a company other than `companyId`. Other
 * companies' rows are behind the row-level wall: both answers come from lookups of migration 0021.
 */
export const otherPersonsAddressSql = (companyId: string, email: SQL): SQL<boolean> =>
  sql<boolean>`address_of_other_person(${companyId}::uuid, ${email})`;

export const emailUnavailable = () => new AppError("accounts.errors.emailUnavailable", {}, "email");
export const emailDomainForeign = () => new AppError("accounts.errors.emailDomainForeign", {}, "email");

/** The refusal an error stands for, if it is one of an address. */
export function addressRefusalOf(error: unknown): AddressRefusal | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === "accounts.errors.emailUnavailable" || error.code === "import_email_unavailable") return "email_unavailable";
  if (error.code === "accounts.errors.emailDomainForeign") return "email_domain_foreign";
  return null;
}

/**
 * Refuses anything that could answer about an address once the caller (company and person, whatever
 * the actor) has had ADDRESS_REFUSALS_PER_HOUR refusals within the hour: one read of an index.
 */
export async function assertUnderRefusalLimit(db: DatabaseOrTransaction, ctx: Ctx, now: Date = currentTime()): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [row] = await queryRows<{ refused: number; oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as refused, min(created_at) as oldest from (
          select created_at from audit_log
          where action = ${REFUSED_LITERAL} and actor_id = ${ctx.userId} and company_id = ${ctx.companyId}
            and created_at > ${since}
          order by created_at desc limit ${ADDRESS_REFUSALS_PER_HOUR}
        ) recent`,
  );
  if (row && row.refused >= ADDRESS_REFUSALS_PER_HOUR && row.oldest) {
    const waitMs = new Date(row.oldest).getTime() + WINDOW_MS - now.getTime();
    throw new AppError("accounts.errors.addressRefusalsLimited", { minutes: Math.max(1, Math.ceil(waitMs / 60_000)) });
  }
}

/**
 * Inside the caller's transaction: refused past the limit, then on another company's domain, then
 * taken anywhere. The unique index on `users.email` still decides a race (`emailClash`).
 */
export async function assertAddressUsable(tx: DatabaseOrTransaction, ctx: Ctx, email: string): Promise<void> {
  await assertUnderRefusalLimit(tx, ctx);
  const [row] = await queryRows<{ foreign: boolean; taken: boolean }>(
    tx,
    sql`select ${foreignDomainSql(ctx.companyId, sql`${email}::text`)} as foreign,
               exists (select 1 from users where email = ${email}) or ${otherPersonsAddressSql(ctx.companyId, sql`${email}::text`)} as taken`,
  );
  if (row!.foreign) throw emailDomainForeign();
  if (row!.taken) throw emailUnavailable();
}

export type AddressAttempt = { via: "invitation" | "new_hire" | "import"; email?: string; row?: number; jobId?: string };

/**
 * The audit row of a refused address, for the kernel to write on its own after the operation's
 * transaction rolled back (`auditRefusal`, so it stays): what counts towards the limit. Null for
 * any other error.
 */
export function addressRefusalAudit(error: unknown, attempt: AddressAttempt): AuditEntry | null {
  const reason = addressRefusalOf(error);
  if (!reason) return null;
  return {
    action: ADDRESS_REFUSED,
    targetType: attempt.jobId ? "import" : "user",
    targetId: attempt.jobId ?? null,
    details: { reason, via: attempt.via, email: attempt.email ?? null, row: attempt.row ?? null },
  };
}

/** Emails are unique across the product; a clash never says where the address is in use. */
export function emailClash(error: unknown): AppError | null {
  const cause = (error as { cause?: { code?: string; constraint?: string } })?.cause ?? error;
  const pg = cause as { code?: string; constraint?: string };
  return pg?.code === "23505" && pg.constraint === "users_email_uq" ? emailUnavailable() : null;
}

/**
 * What a refused invitation (or new hire) throws and audits: a clash on the unique email, which a
 * concurrent invitation won, as "cannot be used"; any refusal of the address audited on its own, the
 * transaction being rolled back.
 */
export const addressGuard = (attempt: (input: { email: string }) => AddressAttempt) => ({
  mapError: (error: unknown) => emailClash(error) ?? error,
  auditRefusal: (error: unknown, input: { email: string }) => addressRefusalAudit(error, attempt(input)),
});
