import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";

/** An overdue figure above zero stands out by colour, an icon and its words, never colour alone. */
export async function OverdueCount({ count }: { count: number }) {
  const t = await getTranslations("assignments");
  return (
    <Badge tone="danger">
      <span aria-hidden="true" className="mr-1">
        ⚠
      </span>
      {t("overdueCount", { count })}
    </Badge>
  );
}
