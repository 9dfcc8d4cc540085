import "server-only";
import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { importJobs } from "@/db/schema";
import { defineOperation } from "@/lib/operations/kernel";
import { importStep, jobCount, jobStep, ofCompany, produced } from "../job";
import type { ResolvedRow } from "../validate";

/** Staging: one chunk of valid rows, committed with the job's progress, which the page shows moving. */
export const stageRows = defineOperation({
  ...importStep,
  kind: "hr.import_stage",
  input: jobStep.extend({ rows: produced<ResolvedRow[]>(), stagedRows: jobCount }),
  run: async ({ tx, ctx, input, now }) => {
    await stageChunk(tx, { jobId: input.jobId, companyId: ctx.companyId }, input.rows);
    await tx.update(importJobs).set({ status: "staging", stagedRows: input.stagedRows, updatedAt: now }).where(ofCompany(ctx, input.jobId));
    return { result: null };
  },
});

/** One INSERT per chunk: the rows travel as one JSON parameter, whatever their number. */
async function stageChunk(
  tx: DatabaseOrTransaction,
  job: { jobId: string; companyId: string },
  rows: readonly ResolvedRow[],
): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => ({
      row_number: row.row,
      email: row.email,
      name: row.name,
      department_id: row.departmentId,
      manager_email: row.managerEmail,
      group_ids: `{${row.groupIds.join(",")}}`,
    })),
  );
  await tx.execute(
    sql`insert into import_rows (job_id, company_id, row_number, email, name, department_id, manager_email, group_ids)
        select ${job.jobId}, ${job.companyId}, row_number, email, name, department_id, manager_email, group_ids::uuid[]
        from jsonb_to_recordset(${json}::jsonb)
          as r (row_number int, email text, name text, department_id uuid, manager_email text, group_ids text)`,
  );
}
