import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { departments } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/** Names are unique within a company, regardless of case. */
export async function assertNameFree(tx: DatabaseOrTransaction, ctx: Ctx, name: string, exceptId?: string): Promise<void> {
  const [clash] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        eq(departments.companyId, ctx.companyId),
        sql`lower(${departments.name}) = lower(${name})`,
        exceptId ? ne(departments.id, exceptId) : undefined,
      ),
    );
  if (clash) throw new AppError("department_name_taken", { name });
}

/** Another transaction can take the name between the check and the write; the unique index decides. */
export const nameGuard = (error: unknown, input: { name: string }) =>
  isUniqueViolation(error, "departments_company_name_uq") ? new AppError("department_name_taken", { name: input.name }) : error;
