import "server-only";
import { and, eq } from "drizzle-orm";
import { type SQL, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { learningGroups } from "@/db/schema";
import { uuidArray } from "@/db/sql";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { Selection } from "./schemas";

/**
 * The people a selection names, as SQL selecting (user_id, source, source_label), always within
 * the caller's company: ids of another company's people simply match nobody.
 */
export async function candidatesSql(db: DatabaseOrTransaction, ctx: Ctx, groupId: string, selection: Selection): Promise<SQL> {
  switch (selection.mode) {
    case "people":
      return sql`select u.id as user_id, 'individual'::membership_source as source, null::text as source_label
        from users u where u.company_id = ${ctx.companyId} and u.id = any(${uuidArray(selection.userIds)})`;
    case "departments":
      return sql`select u.id as user_id, 'department'::membership_source as source, d.name as source_label
        from users u join departments d on d.id = u.department_id
        where u.company_id = ${ctx.companyId} and d.company_id = ${ctx.companyId}
          and d.id = any(${uuidArray(selection.departmentIds)})`;
    case "group": {
      if (selection.sourceGroupId === groupId) throw new AppError("same_group");
      const [source] = await db
        .select({ id: learningGroups.id })
        .from(learningGroups)
        .where(and(eq(learningGroups.id, selection.sourceGroupId), eq(learningGroups.companyId, ctx.companyId)));
      if (!source) throw new AppError("source_group_not_found");
      return sql`select m.user_id, 'copy'::membership_source as source, g.name as source_label
        from group_members m join learning_groups g on g.id = m.group_id join users u on u.id = m.user_id
        where g.id = ${selection.sourceGroupId} and g.company_id = ${ctx.companyId} and u.company_id = ${ctx.companyId}`;
    }
  }
}
