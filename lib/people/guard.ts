import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, forbidden } from "@/lib/errors";

/**
 * Serializes changes to the company's people that touch who may administer it: the company's row is
 * locked until the transaction ends, so two admins demoting or deactivating each other at the same
 * moment run one after the other, and the second sees the first's change. The caller is checked
 * again under the lock: an admin who lost the role meanwhile acts no more (HR staff acting through
 * the HR forms, as the `hr` actor, likewise).
 */
export async function lockCompanyPeople(tx: DatabaseOrTransaction, ctx: Ctx): Promise<void> {
  // Not `for update`: every insert that references the company (the operation's claim, the audit row)
  // takes a key-share lock on its row, and two of those would deadlock against `for update`.
  await tx.execute(sql`select id from companies where id = ${ctx.companyId} for no key update`);
  const [actor] = await queryRows<{ id: string }>(
    tx,
    sql`select id from users
        where id = ${ctx.userId} and company_id = ${ctx.companyId} and deactivated_at is null
          and ('admin' = any(roles) or (${ctx.actor?.kind === "hr"}::boolean and 'hr' = any(roles)))`,
  );
  if (!actor) throw forbidden();
}

/** Under the company lock: refuses to leave the company without an active admin. */
export async function assertAnotherAdmin(tx: DatabaseOrTransaction, ctx: Ctx, person: { id: string; name: string }): Promise<void> {
  const [row] = await queryRows<{ others: number }>(
    tx,
    sql`select count(*)::int as others from users
        where company_id = ${ctx.companyId} and id <> ${person.id} and deactivated_at is null and 'admin' = any(roles)`,
  );
  if ((row?.others ?? 0) === 0) throw new AppError("last_admin", { name: person.name });
}
