import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseOrTransaction, queryRows } from "@/db/client";
import { importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { defineOperation } from "@/lib/operations/kernel";
import { classifiedRows } from "../classify";
import { importStep, jobStep, ofCompany } from "../job";
import type { ImportSummary } from "../progress";

/** Staged: the preview of what Confirm will do; the job is `ready`. */
export const markReady = defineOperation({
  ...importStep,
  kind: "hr.import_ready",
  input: jobStep,
  run: async ({ tx, ctx, input, now }) => {
    // Fresh statistics: without them the planner takes tens of thousands of staged rows for a handful
    // and joins them by nested loops (minutes instead of seconds).
    // Only the table's owner may analyse it: the app role asks migration 0021's function.
    await tx.execute(sql`select analyze_import_rows()`);
    const summary = await previewSummary(tx, ctx, input.jobId);
    await tx.update(importJobs).set({ status: "ready", summary, updatedAt: now }).where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

async function previewSummary(db: DatabaseOrTransaction, ctx: Ctx, jobId: string): Promise<ImportSummary> {
  const [row] = await queryRows<ImportSummary>(
    db,
    sql`with c as (${classifiedRows(ctx, jobId)})
        select (count(*) filter (where user_id is null))::int as created,
               (count(*) filter (where changes))::int as updated,
               (count(*) filter (where user_id is not null and not changes))::int as unchanged,
               (select count(*)::int from c cross join unnest(c.group_ids) as g (group_id)
                where c.user_id is null
                   or not exists (select 1 from group_members gm where gm.group_id = g.group_id and gm.user_id = c.user_id)) as memberships
        from c`,
  );
  return row!;
}
