import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Role } from "@/db/schema";
import type { PersonStatus } from "@/lib/people/schemas";

const statusTone = { active: "success", invited: "brand", deactivated: "neutral" } as const;

export function StatusBadge({ status }: { status: PersonStatus }) {
  const t = useTranslations("people.status");
  return <Badge tone={statusTone[status]}>{t(status)}</Badge>;
}

/** A person's roles; everyone is a learner, so no role reads "Learner". */
export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const t = useTranslations("people.role");
  if (roles.length === 0) return <span className="text-slate-600">{t("learner")}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <Badge key={role} tone="brand">
          {t(role)}
        </Badge>
      ))}
    </span>
  );
}
