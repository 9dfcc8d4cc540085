import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { getViewer } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { requireGroupAccess } from "@/lib/group-access/access";
import { exportStatisticsMembers } from "@/lib/statistics/group";
import { csvResponse } from "@/lib/statistics/csv";

export const dynamic = "force-dynamic";

/**
 * The Statistics tab's member table as CSV, streamed in batches. Whoever may not see the group's
 * statistics (a learner member, HR, another company) gets the same 404 as for a group that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [viewer, t] = await Promise.all([getViewer(), getTranslations("statistics")]);
  const notFoundResponse = async () =>
    new Response((await getTranslations("errors"))("notFoundBody"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  if (!viewer || !z.uuid().safeParse(id).success) return notFoundResponse();
  try {
    const { scope, batches } = await exportStatisticsMembers(
      companyDb(viewer),
      viewer,
      await requireGroupAccess(companyDb(viewer), viewer, id),
    );
    const header = ["name", "email", "department", "lessonsDone", "percent", "score", "bucket", "lastActivity", "completedAt"] as const;
    async function* lines() {
      for await (const rows of batches) {
        yield rows.map((row) => [
          row.name,
          row.email,
          row.departmentName,
          row.lessonsDone,
          row.percent,
          row.score,
          t(`buckets.${row.bucket}`),
          row.lastActivityAt?.toISOString(),
          row.completedAt?.toISOString(),
        ]);
      }
    }
    return csvResponse(
      `${scope.groupName}-statistics.csv`,
      header.map((column) => t(`csv.${column}`)),
      lines(),
    );
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return notFoundResponse();
    throw error;
  }
}
