import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { ShownStatus } from "@/lib/assignments/queries";

const TONES = { open: "brand", overdue: "danger", done: "success", waived: "neutral" } as const;

/** An assignment's status in words; overdue also carries an icon, so it never stands out by colour alone. */
export async function AssignmentStatusBadge({ status }: { status: ShownStatus }) {
  const t = await getTranslations("assignments.status");
  return (
    <Badge tone={TONES[status]}>
      {status === "overdue" && (
        <span aria-hidden="true" className="mr-1">
          ⚠
        </span>
      )}
      {t(status)}
    </Badge>
  );
}
